import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { QueryState } from '../../ui/QueryState';
import { useViewer } from './useViewer';

/** Signed-out visitors go to sign in and come back here afterwards. */
export function RequireViewer({ children, staff = false }: { children: ReactNode; staff?: boolean }) {
  const { viewer, ...query } = useViewer();
  const location = useLocation();
  if (query.loading || query.error) return <QueryState query={query} />;
  if (!viewer) {
    // the hash too: emails link to /profile#notifications
    const next = location.pathname + location.search + location.hash;
    return <Navigate to={`/signin?next=${encodeURIComponent(next)}`} replace />;
  }
  if (staff && !viewer.staffRole) return <Navigate to="/" replace />;
  return <>{children}</>;
}
