import { Route, Routes } from 'react-router';
import { AppLayout } from './layout/AppLayout';
import { AdministrationPage } from './pages/AdministrationPage';
import { CallsPage } from './pages/CallsPage';
import { HomePage } from './pages/HomePage';
import { NotFoundPage } from './pages/NotFoundPage';
import { PilotsPage } from './pages/PilotsPage';
import { ActivityEditPage, ActivityNewPage } from './pages/pilots/ActivityFormPage';
import { PilotLayout } from './pages/pilots/PilotLayout';
import { pilotTabs } from './pages/pilots/pilotTabs';
import { ReportsPage } from './pages/ReportsPage';

export function AppRoutes() {
  return (
    <Routes>
      <Route element={<AppLayout />}>
        <Route index element={<HomePage />} />
        <Route path="appels" element={<CallsPage />} />
        <Route path="pilotes" element={<PilotsPage />} />
        <Route path="pilotes/:id/activites/nouvelle" element={<ActivityNewPage />} />
        <Route path="pilotes/:id/activites/:activityId" element={<ActivityEditPage />} />
        <Route path="pilotes/:id" element={<PilotLayout />}>
          {pilotTabs.map((tab) =>
            tab.path === '' ? <Route key="index" index element={tab.element} /> : <Route key={tab.path} path={tab.path} element={tab.element} />,
          )}
        </Route>
        <Route path="rapports" element={<ReportsPage />} />
        <Route path="administration" element={<AdministrationPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
