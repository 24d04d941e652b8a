import { z } from 'zod';

import { parseUnknown } from '../../shared/parse';
import type { Logger } from '../logging/logger';
import type { AuthorizedFetch } from '../tokens/authorized-fetch';

import { meUrlOf, type Endpoints } from './endpoints';

const MeSchema = z.object({ id: z.string().max(500), display_name: z.string().max(500).nullable().optional() });

export interface Account {
  readonly id: string;
  readonly displayName: string;
}

/** The signed-in user's name, from `GET /me`; null when it cannot be had now (tried again at the next start). */
export async function fetchAccount(fetchApi: AuthorizedFetch, endpoints: Endpoints, logger: Logger): Promise<Account | null> {
  const answer = await fetchApi(meUrlOf(endpoints), { headers: { Accept: 'application/json' } });
  if (!answer.ok || !answer.response.ok) {
    logger.warn('account name unavailable', { status: answer.ok ? answer.response.status : answer.error.code });
    return null;
  }
  const me = parseUnknown(MeSchema, await answer.response.json().catch(() => null));
  if (!me.ok) return null;
  return { id: me.value.id, displayName: me.value.display_name ?? me.value.id };
}
