import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { useAuth } from '../auth/AuthProvider';
import { safeReturnPath } from '../auth/publicPaths';
import { SignInForm } from '../auth/SignInForm';

/** /connexion inside the signed-in app (after signing out, or sent here from a page): back to `?retour=` once signed in. */
export function LoginPage() {
  const { user, notice, signIn } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const back = safeReturnPath(params.get('retour'));
  if (user) return <Navigate to={back} replace />;
  return <SignInForm notice={notice} signIn={signIn} onSignedIn={() => navigate(back, { replace: true })} />;
}
