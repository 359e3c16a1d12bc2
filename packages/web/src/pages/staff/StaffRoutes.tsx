import { Navigate, Route, Routes } from 'react-router';
import { AccountsPage } from './AccountsPage';
import { AuditPage } from './AuditPage';
import { CompaniesPage } from './CompaniesPage';
import { MailDeliveriesPage } from './MailDeliveriesPage';
import { VisibilityPage } from './VisibilityPage';

/** Staff screens: one lazily loaded chunk. */
export default function StaffRoutes() {
  return (
    <Routes>
      <Route path="companies" element={<CompaniesPage />} />
      <Route path="companies/:id" element={<CompaniesPage />} />
      <Route path="accounts" element={<AccountsPage />} />
      <Route path="visibility" element={<VisibilityPage />} />
      <Route path="audit" element={<AuditPage />} />
      <Route path="mail" element={<MailDeliveriesPage />} />
      <Route path="*" element={<Navigate to="companies" replace />} />
    </Routes>
  );
}
