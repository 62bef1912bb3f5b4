import { Route, Routes } from 'react-router';
import { AppLayout } from './layout/AppLayout';
import { AdministrationPage } from './pages/AdministrationPage';
import { CallsPage } from './pages/CallsPage';
import { HomePage } from './pages/HomePage';
import { NotFoundPage } from './pages/NotFoundPage';
import { PilotsPage } from './pages/PilotsPage';
import { ReportsPage } from './pages/ReportsPage';

export function AppRoutes() {
  return (
    <Routes>
      <Route element={<AppLayout />}>
        <Route index element={<HomePage />} />
        <Route path="appels" element={<CallsPage />} />
        <Route path="pilotes" element={<PilotsPage />} />
        <Route path="rapports" element={<ReportsPage />} />
        <Route path="administration" element={<AdministrationPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
