import { Navigate, Route, Routes } from 'react-router';
import { CompaniesPage } from './CompaniesPage';

/** Staff screens: one lazily loaded chunk. */
export default function StaffRoutes() {
  return (
    <Routes>
      <Route path="companies" element={<CompaniesPage />} />
      <Route path="companies/:id" element={<CompaniesPage />} />
      <Route path="*" element={<Navigate to="companies" replace />} />
    </Routes>
  );
}
