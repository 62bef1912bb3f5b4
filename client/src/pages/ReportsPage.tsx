import { ComingSoon } from '../components/ComingSoon';

export function ReportsPage() {
  return <ComingSoon title="Rapports" />;
}
