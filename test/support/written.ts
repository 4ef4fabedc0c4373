/** What a change gave back, for tests and benches whose store is not a window's (a change is never kept there). */
import type { Written } from '../../src/storage/store';

export function written<T>(result: Written<T>): T {
  if (result.state !== 'saved') throw new Error('The change was kept, not written: the database was locked');
  return result.value;
}
