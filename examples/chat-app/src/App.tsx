/** The page: chats on the side, the open chat with its composer, and the stand-in notice. */
import { ChatList } from './components/ChatList';
import { Composer } from './components/Composer';
import { Thread } from './components/Thread';
import { useAssistant } from './useAssistant';
import { useChats } from './useChats';

export function App() {
  const chats = useChats();
  const assistant = useAssistant(chats.addMessage);
  const { active } = chats;

  return (
    <div className="layout">
      <aside className="sidebar">
        <p className="brand">
          <span className="brand-mark" aria-hidden="true" />
          Chat app
        </p>
        <ChatList chats={chats.chats} activeId={active.id} onNew={chats.startChat} onSelect={chats.select} />
        <p className="sidebar-note">
          An example of sharing conversations with chatshare. Chats are kept in this browser only.
        </p>
      </aside>
      <main className="main">
        <p className="stand-in-notice">
          <strong>Stand-in assistant.</strong> Replies are made up by this page, not by an AI model, so the example runs
          without one.
        </p>
        {/* Keyed by chat: switching chats starts the share flow afresh. */}
        <Thread key={active.id} chat={active} replying={assistant.replying === active.id} setLink={chats.setLink} />
        <Composer
          chatId={active.id}
          busy={assistant.replying === active.id}
          onSend={(text) => void assistant.send(active, text)}
        />
      </main>
    </div>
  );
}
