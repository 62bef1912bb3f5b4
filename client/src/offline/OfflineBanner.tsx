import { Alert } from '@mantine/core';
import { useOnline } from './online';

/**
 * Says so when the network is gone: only the activity form works offline (its activities wait on the device);
 * the rest of the application needs the network. The live region stays in the page so the change is announced.
 */
export function OfflineBanner() {
  const online = useOnline();
  return (
    <div role="status" aria-live="polite" data-testid="offline-banner">
      {!online && (
        <Alert color="orange" mb="sm" title="Vous êtes hors ligne">
          Seul l’enregistrement des activités fonctionne sans réseau : elles restent sur cet appareil et partent au
          retour de la connexion. Le reste de l’application a besoin du réseau.
        </Alert>
      )}
    </div>
  );
}
