import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';

const container = document.getElementById('root');
if (!container) {
  throw new Error('Élément #root introuvable dans index.html');
}
const root = createRoot(container);
const render = (app: ReactNode) => root.render(<StrictMode>{app}</StrictMode>);

// A commune opening the public candidature form gets a small app of its own: no router, no query cache, no
// back-office (docs/benchmarks.md, first-load sizes). Everything else is the signed-in app.
if (/^\/candidater\//.test(window.location.pathname)) {
  void import('./PublicApp').then(({ PublicApp }) => render(<PublicApp />));
} else if (/^\/connexion\/?$/.test(window.location.pathname)) {
  // A direct visit to the sign-in page: the form alone; signing in then loads the signed-in app.
  void import('./SignInApp').then(({ SignInApp }) => render(<SignInApp />));
} else {
  void import('./App').then(({ App }) => render(<App />));
}
