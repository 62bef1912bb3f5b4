import { Route, Routes } from 'react-router';
import { RequireAuth, RequireRole } from './auth/RequireAuth';
import { AppLayout } from './layout/AppLayout';
import { TokensPage } from './pages/account/TokensPage';
import { AdministrationPage } from './pages/AdministrationPage';
import { CallsPage } from './pages/CallsPage';
import { CallPage } from './pages/candidatures/CallPage';
import { CandidaturePage } from './pages/candidatures/CandidaturePage';
import { PublicEngagementPage, PublicIntentionPage } from './pages/candidatures/PublicPages';
import { HomePage } from './pages/HomePage';
import { LoginPage } from './pages/LoginPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { PilotsPage } from './pages/PilotsPage';
import { ActivityEditPage, ActivityNewPage } from './pages/pilots/ActivityFormPage';
import { PilotLayout } from './pages/pilots/PilotLayout';
import { pilotTabs } from './pages/pilots/pilotTabs';
import { ReportsPage } from './pages/ReportsPage';
import { CallReportsPage } from './pages/reports/CallReportsPage';

export function AppRoutes() {
  return (
    <Routes>
      <Route path="connexion" element={<LoginPage />} />
      <Route path="candidater/:callId" element={<PublicIntentionPage />} />
      <Route path="candidater/suite/:editToken" element={<PublicEngagementPage />} />
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
            tab.path === '' ? <Route key="index" index element={tab.element} /> : <Route key={tab.path} path={tab.path} element={tab.element} />,
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
  );
}
