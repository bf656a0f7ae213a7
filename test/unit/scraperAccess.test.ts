import * as assert from 'node:assert/strict';
import type { UserSettings } from '../../src/api/types';
import { isAdmin, mayMessage, scraperAccess, scraperChoices } from '../../src/model/scraperAccess';

const user = (roles: string[], scraperAssignments?: string[]): UserSettings => ({
  username: 'u',
  email: 'u@example.com',
  roles,
  scraperAssignments,
});
const known = ['zeta', 'acme-prices', 'internal-audit', 'weather-feed'];

describe('Scraper access (send form)', () => {
  it('recognises the admin role whatever its case', () => {
    assert.equal(isAdmin(user(['operator', 'Admin'])), true);
    assert.equal(isAdmin(user(['operator'])), false);
    assert.equal(isAdmin(user(['administrator'])), false, 'only the role the service calls admin');
  });

  it('offers a user only their assignments, and warns about any other scraper', () => {
    const access = scraperAccess(user(['operator'], ['weather-feed', 'acme-prices']));
    assert.deepEqual(scraperChoices(access, known), ['acme-prices', 'weather-feed']);
    assert.equal(mayMessage(access, 'weather-feed'), true);
    assert.equal(mayMessage(access, 'internal-audit'), false);
  });

  it('a user without assignments is offered nothing and warned about everything', () => {
    const access = scraperAccess(user(['operator']));
    assert.deepEqual(scraperChoices(access, known), []);
    assert.equal(mayMessage(access, 'acme-prices'), false);
  });

  it('offers an admin every known scraper and warns about none', () => {
    const access = scraperAccess(user(['admin'], ['acme-prices']));
    assert.deepEqual(scraperChoices(access, known), ['acme-prices', 'internal-audit', 'weather-feed', 'zeta']);
    assert.equal(mayMessage(access, 'anything-typed'), true);
  });

  it('without user information: every known scraper, no warnings', () => {
    const access = scraperAccess(undefined);
    assert.equal(scraperChoices(access, known).length, 4);
    assert.equal(mayMessage(access, 'anything'), true);
  });
});
