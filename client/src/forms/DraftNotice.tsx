import { Alert, Button } from '@mantine/core';
import { formatDateTime } from '../i18n/format';
import { formMessages } from '../i18n/formMessages';
import type { Draft } from './draft';

/** Tells that a draft typed earlier on this device was put back in the form, with a way to drop it. */
export function DraftNotice({ draft }: { draft: Draft }) {
  if (!draft.restoredAt) return null;
  return (
    <Alert color="blue" role="status" title={formMessages.draftTitle}>
      {formMessages.draftRestored(formatDateTime(draft.restoredAt))}
      <Button variant="subtle" size="compact-sm" ml="xs" onClick={draft.discard}>
        {formMessages.draftDiscard}
      </Button>
    </Alert>
  );
}
