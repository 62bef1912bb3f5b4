import { Route, Routes } from 'react-router';
import { RequireAuth, RequireRole } from './auth/RequireAuth';
import { lazyPage, PageSuspense } from './lazyPage';
import { pilotTabs } from './pages/pilots/pilotTabs';

// Each area is its own chunk: a commune opening the public form downloads neither the back-office nor Chart.js.
const AppLayout = lazyPage(() => import('./layout/AppLayout'), 'AppLayout');
const LoginPage = lazyPage(() => import('./pages/LoginPage'), 'LoginPage');
const HomePage = lazyPage(() => import('./pages/HomePage'), 'HomePage');
const CallsPage = lazyPage(() => import('./pages/CallsPage'), 'CallsPage');
const CallPage = lazyPage(() => import('./pages/candidatures/CallPage'), 'CallPage');
const CandidaturePage = lazyPage(() => import('./pages/candidatures/CandidaturePage'), 'CandidaturePage');
const PilotsPage = lazyPage(() => import('./pages/PilotsPage'), 'PilotsPage');
const ActivityNewPage = lazyPage(() => import('./pages/pilots/ActivityFormPage'), 'ActivityNewPage');
const ActivityEditPage = lazyPage(() => import('./pages/pilots/ActivityFormPage'), 'ActivityEditPage');
const PilotLayout = lazyPage(() => import('./pages/pilots/PilotLayout'), 'PilotLayout');
const CallReportsPage = lazyPage(() => import('./pages/reports/CallReportsPage'), 'CallReportsPage');
const ReportsPage = lazyPage(() => import('./pages/ReportsPage'), 'ReportsPage');
const ReportPage = lazyPage(() => import('./pages/reports/ReportPage'), 'ReportPage');
const AdministrationPage = lazyPage(() => import('./pages/AdministrationPage'), 'AdministrationPage');
const TokensPage = lazyPage(() => import('./pages/account/TokensPage'), 'TokensPage');
const NotFoundPage = lazyPage(() => import('./pages/NotFoundPage'), 'NotFoundPage');

export function AppRoutes() {
  return (
    <PageSuspense>
      <Routes>
        <Route path="connexion" element={<LoginPage />} />
        <Route
          element={
            <RequireAuth>
              <AppLayout />
            </RequireAuth>
          }
        >
          <Route index element={<HomePage />} />
          <Route
            path="appels"
            element={
              <RequireRole roles={['lead', 'committee']}>
                <CallsPage />
              </RequireRole>
            }
          />
          <Route
            path="appels/:id"
            element={
              <RequireRole roles={['lead', 'committee']}>
                <CallPage />
              </RequireRole>
            }
          />
          <Route
            path="candidatures/:id"
            element={
              <RequireRole roles={['lead', 'committee']}>
                <CandidaturePage />
              </RequireRole>
            }
          />
          <Route path="pilotes" element={<PilotsPage />} />
          <Route path="pilotes/:id/activites/nouvelle" element={<ActivityNewPage />} />
          <Route path="pilotes/:id/activites/:activityId" element={<ActivityEditPage />} />
          <Route path="pilotes/:id" element={<PilotLayout />}>
            {pilotTabs.map((tab) =>
              tab.path === '' ? (
                <Route key="index" index element={tab.element} />
              ) : (
                <Route key={tab.path} path={tab.path} element={tab.element} />
              ),
            )}
          </Route>
          <Route
            path="appels/:id/rapports"
            element={
              <RequireRole roles={['lead']}>
                <CallReportsPage />
              </RequireRole>
            }
          />
          <Route path="rapports" element={<ReportsPage />} />
          <Route path="rapports/:id" element={<ReportPage />} />
          <Route
            path="administration"
            element={
              <RequireRole roles={['lead']}>
                <AdministrationPage />
              </RequireRole>
            }
          />
          <Route path="compte/jetons" element={<TokensPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </PageSuspense>
  );
}
