import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { RequireViewer } from '../features/auth/RequireViewer';
import { SignInPage } from '../pages/SignInPage';
import { QueryState } from '../ui/QueryState';
import { Layout } from './Layout';

// Every screen but sign-in is its own chunk; staff screens are one chunk customers never download.
const AcceptInvitationPage = lazy(() => import('../pages/AcceptInvitationPage'));
const PasswordResetPage = lazy(() => import('../pages/PasswordResetPage'));
const TicketsPage = lazy(() => import('../pages/TicketsPage'));
const TicketDetailPage = lazy(() => import('../pages/TicketDetailPage'));
const PeoplePage = lazy(() => import('../pages/PeoplePage'));
const ProfilePage = lazy(() => import('../pages/ProfilePage'));
const IntegrationsPage = lazy(() => import('../pages/IntegrationsPage'));
const StaffRoutes = lazy(() => import('../pages/staff/StaffRoutes'));

const loading = <QueryState query={{ loading: true }} />;

export function AppRoutes() {
  return (
    <Suspense fallback={loading}>
      <Routes>
        <Route path="/signin" element={<SignInPage />} />
        <Route path="/invitations/accept" element={<AcceptInvitationPage />} />
        <Route path="/password-reset" element={<PasswordResetPage />} />
        <Route
          element={
            <RequireViewer>
              <Layout />
            </RequireViewer>
          }
        >
          <Route index element={<Navigate to="/tickets" replace />} />
          <Route path="/tickets" element={<TicketsPage />} />
          <Route path="/tickets/:id" element={<TicketDetailPage />} />
          <Route path="/people" element={<PeoplePage />} />
          <Route path="/profile" element={<ProfilePage />} />
          <Route path="/profile/integrations" element={<IntegrationsPage />} />
          <Route
            path="/staff/*"
            element={
              <RequireViewer staff>
                <StaffRoutes />
              </RequireViewer>
            }
          />
          <Route path="*" element={<Navigate to="/tickets" replace />} />
        </Route>
      </Routes>
    </Suspense>
  );
}
