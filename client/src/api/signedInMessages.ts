// The error messages only a signed-in user meets, added to the public part of the catalogue when the signed-in
// shell loads (client/src/layout/AppLayout.tsx), so the public pages and the sign-in page do not download them.
import { SIGNED_IN_ERROR_MESSAGES_FR } from '../../../src/common/errors/messages-signed-in.fr.js';
import { addErrorMessages } from './problem';

addErrorMessages(SIGNED_IN_ERROR_MESSAGES_FR);
