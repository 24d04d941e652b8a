import { z } from 'zod';

import { parseUnknown } from '../../shared/parse';
import type { Logger } from '../logging/logger';
import type { AuthorizedFetch } from '../tokens/authorized-fetch';
import type { TokenKeeper } from '../tokens/token-keeper';

import { meUrlOf, type Endpoints } from './endpoints';

const MeSchema = z.object({ id: z.string().max(500), display_name: z.string().max(500).nullable().optional() });

export interface Account {
  readonly id: string;
  readonly displayName: string;
}

/** The signed-in user's name, from `GET /me`; null when it cannot be had now (tried again at the next start). */
export async function fetchAccount(fetchApi: AuthorizedFetch, endpoints: Endpoints, logger: Logger): Promise<Account | null> {
  const answer = await fetchApi(meUrlOf(endpoints), { headers: { Accept: 'application/json' } });
  if (!answer.ok || !answer.value.ok) {
    logger.warn('account name unavailable', { status: answer.ok ? answer.value.status : answer.error.code });
    return null;
  }
  const me = parseUnknown(MeSchema, await answer.value.json().catch(() => null));
  if (!me.ok) return null;
  return { id: me.value.id, displayName: me.value.display_name ?? me.value.id };
}

/**
 * Puts the signed-in user's name on the session. True when it did; false when the name could not be had,
 * or the session it was asked for was signed out or replaced meanwhile (that name is not the new one's).
 */
export async function loadAccount(
  keeper: Pick<TokenKeeper, 'epoch' | 'amend'>,
  fetchApi: AuthorizedFetch,
  endpoints: Endpoints,
  logger: Logger,
): Promise<boolean> {
  const epoch = keeper.epoch();
  const account = await fetchAccount(fetchApi, endpoints, logger);
  if (!account || epoch !== keeper.epoch()) return false;
  keeper.amend({ account });
  return true;
}
