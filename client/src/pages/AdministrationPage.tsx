import { ComingSoon } from '../components/ComingSoon';

export function AdministrationPage() {
  return <ComingSoon title="Administration" />;
}
