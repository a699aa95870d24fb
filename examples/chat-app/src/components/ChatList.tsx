/** The sidebar: "New chat" and the saved chats, the open one marked for assistive technology too. */
import type { Chat } from '../chats';

export interface ChatListProps {
  chats: Chat[];
  activeId: string;
  onNew: () => void;
  onSelect: (id: string) => void;
}

export function ChatList({ chats, activeId, onNew, onSelect }: ChatListProps) {
  return (
    <nav className="chat-list" aria-label="Chats">
      <button type="button" className="button button-primary new-chat" onClick={onNew}>
        <span aria-hidden="true">+</span> New chat
      </button>
      <ul>
        {chats.map((chat) => (
          <li key={chat.id}>
            <button
              type="button"
              className="chat-list-item"
              aria-current={chat.id === activeId ? 'page' : undefined}
              onClick={() => onSelect(chat.id)}
            >
              <span className="chat-list-title">{chat.title}</span>
              {chat.chatshare?.shareUrl ? <span className="badge">Shared</span> : null}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
