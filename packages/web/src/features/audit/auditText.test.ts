import { describe, expect, it } from 'vitest';
import { en, type MessageKey } from '../../app/i18n/en';
import { auditChanges } from './auditText';

const t = (key: MessageKey) => en[key];

describe('auditChanges', () => {
  it("names a company's parent where the event recorded its name, and leaves the id out", () => {
    expect(auditChanges({ parentId: 'cmp_a', parentName: null }, { parentId: 'cmp_b', parentName: 'Northwind Holding' }, t)).toEqual([
      { field: 'parentName', label: 'Parent company', before: '—', after: 'Northwind Holding' },
    ]);
  });

  it('shows the id of an event recorded before parents had names', () => {
    expect(auditChanges({ parentId: 'cmp_a' }, { parentId: 'cmp_b' }, t)).toEqual([
      { field: 'parentId', label: 'Parent company', before: 'cmp_a', after: 'cmp_b' },
    ]);
  });
});
