import type { Family } from '@cadenza/shared/contracts';
import { familiesMatching } from './families-page';

const family = (id: string, name: string, guardian: string, child: string): Family => ({
  id,
  name,
  guardians: [{ userId: `${id}-g`, name: guardian }],
  children: [{ userId: `${id}-c`, name: child, minor: true, access: [] }],
});

describe('familiesMatching', () => {
  const all = [family('2', 'Patel family', 'Priya Patel', 'Ravi Patel'), family('1', 'Okafor family', 'Jordan Okafor', 'Ada Okafor')];

  it('sorts by family name and finds a family by its name, a guardian or a child, in any case', () => {
    expect(familiesMatching(all, '').map((f) => f.id)).toEqual(['1', '2']);
    expect(familiesMatching(all, 'PATEL').map((f) => f.id)).toEqual(['2']);
    expect(familiesMatching(all, 'jordan').map((f) => f.id)).toEqual(['1']);
    expect(familiesMatching(all, ' ravi ').map((f) => f.id)).toEqual(['2']);
    expect(familiesMatching(all, 'nobody')).toEqual([]);
  });
});
