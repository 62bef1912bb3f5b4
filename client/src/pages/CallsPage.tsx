import { ComingSoon } from '../components/ComingSoon';

export function CallsPage() {
  return <ComingSoon title="Appels" />;
}
