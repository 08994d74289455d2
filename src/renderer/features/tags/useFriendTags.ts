import { useCallback, useEffect, useState } from 'react';
import type { IpcOutput, ShopTag } from '../../../shared/ipc';
import { useCall } from '../../hooks/useCall';
import { useChanged } from '../../hooks/useChanged';

type FriendTags = IpcOutput<'tags:ofFriend'>;

/** A friend's tags (with refusals) and the shop's tag list, kept fresh on `tags` changes. */
export function useFriendTags(friendId: string) {
  const call = useCall();
  const [state, setState] = useState<FriendTags | null>(null);
  const [shop, setShop] = useState<ShopTag[]>([]);
  const refresh = useCallback(async () => {
    const [mine, all] = await Promise.all([call('tags:ofFriend', { friendId }), call('tags:list', {})]);
    if (mine) setState(mine);
    if (all) setShop(all.tags);
  }, [call, friendId]);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  useChanged(['tags', `tags:${friendId}`], () => void refresh());
  return { state, shop, refresh };
}
