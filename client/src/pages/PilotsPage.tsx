import { ComingSoon } from '../components/ComingSoon';

export function PilotsPage() {
  return <ComingSoon title="Projets pilotes" />;
}
