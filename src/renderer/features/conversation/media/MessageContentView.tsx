import type { MessageView } from '../../../../shared/ipc/views';
import { FileCard } from './FileCard';
import { LocationCard } from './LocationCard';
import { PhotoSet, PhotoThumb } from './PhotoView';
import { PlayerView } from './PlayerView';
import { StickerView } from './StickerView';

/** True when the message is shown as content (photo, player, file, sticker, location) rather than as its text. */
export function hasContentView(message: MessageView): boolean {
  if (message.withdrawn) return false;
  switch (message.kind) {
    case 'image':
    case 'video':
    case 'audio':
    case 'file':
      return true;
    case 'sticker':
      return message.content?.sticker !== undefined;
    case 'location':
      return message.content?.location !== undefined;
    default:
      return false;
  }
}

/** What a customer sent besides text; `group` is a set of photos sent together (shown as one grid). */
export function MessageContentView({ message, group }: { message: MessageView; group?: readonly MessageView[] | undefined }) {
  if (group && group.length > 1) return <PhotoSet messages={group} />;
  switch (message.kind) {
    case 'image':
      return <PhotoThumb message={message} />;
    case 'video':
    case 'audio':
      return <PlayerView message={message} />;
    case 'file':
      return <FileCard message={message} />;
    case 'sticker':
      return <StickerView message={message} />;
    case 'location':
      return message.content?.location ? <LocationCard location={message.content.location} /> : null;
    default:
      return null;
  }
}
