/** Strings of the instance's front page (`/`), in the share pages' languages. */
export const LANDING_STRINGS = {
  en: {
    'landing.documentTitle': 'chatshare: share AI chat conversations by link',
    'landing.description':
      'Import a conversation from ChatGPT, Claude, Open WebUI or LibreChat and share it as a read-only page with a short link. Public, unlisted or private, with a password or an expiry, revocable at any time.',
    'landing.title': 'Share AI chat conversations by link',
    'landing.lead':
      'Turn a conversation with an AI assistant into a clean, read-only page with a short link, and a preview card where the link is pasted.',
    'landing.signIn': 'Sign in',
    'landing.createAccount': 'Create account',
    'landing.openConversations': 'Open your conversations',
    'landing.explore': 'Explore public conversations',
    'landing.signupClosed': 'New accounts on this instance are created by its admins.',
    'landing.featuresLabel': 'What it does',
    'landing.import.title': 'Bring your chats',
    'landing.import.body':
      'Import exports from ChatGPT, Claude, Open WebUI or LibreChat, or send a plain OpenAI messages array.',
    'landing.privacy.title': 'Choose who sees it',
    'landing.privacy.body':
      'Public, unlisted (anyone with the link) or private (only the people you invite by email). Add a password or an expiry date.',
    'landing.privacy.privateOnly':
      'On this instance every link is private: only the people you invite by email can open it. Add a password or an expiry date.',
    'landing.revoke.title': 'Stay in control',
    'landing.revoke.body':
      'A link shows the conversation as you shared it. Revoke it at any time and it stops working at once.',
    'landing.footerLabel': 'For developers',
    'landing.apiDocs': 'API documentation',
  },
  de: {
    'landing.documentTitle': 'chatshare: KI-Chats per Link teilen',
    'landing.description':
      'Importiere eine Unterhaltung aus ChatGPT, Claude, Open WebUI oder LibreChat und teile sie als schreibgeschützte Seite mit kurzem Link. Öffentlich, nicht gelistet oder privat, mit Passwort oder Ablaufdatum, jederzeit widerrufbar.',
    'landing.title': 'KI-Chats per Link teilen',
    'landing.lead':
      'Aus einer Unterhaltung mit einem KI-Assistenten wird eine übersichtliche, schreibgeschützte Seite mit kurzem Link – und einer Vorschaukarte, wo der Link eingefügt wird.',
    'landing.signIn': 'Anmelden',
    'landing.createAccount': 'Konto erstellen',
    'landing.openConversations': 'Zu deinen Unterhaltungen',
    'landing.explore': 'Öffentliche Unterhaltungen entdecken',
    'landing.signupClosed': 'Neue Konten auf dieser Instanz legen ihre Admins an.',
    'landing.featuresLabel': 'Was es kann',
    'landing.import.title': 'Chats mitbringen',
    'landing.import.body':
      'Importiere Exporte aus ChatGPT, Claude, Open WebUI oder LibreChat, oder sende ein einfaches OpenAI-messages-Array.',
    'landing.privacy.title': 'Bestimmen, wer sie sieht',
    'landing.privacy.body':
      'Öffentlich, nicht gelistet (alle mit dem Link) oder privat (nur, wen du per E-Mail einlädst). Mit Passwort oder Ablaufdatum, wenn du willst.',
    'landing.privacy.privateOnly':
      'Auf dieser Instanz ist jeder Link privat: Nur, wen du per E-Mail einlädst, kann ihn öffnen. Mit Passwort oder Ablaufdatum, wenn du willst.',
    'landing.revoke.title': 'Die Kontrolle behalten',
    'landing.revoke.body':
      'Ein Link zeigt die Unterhaltung so, wie du sie geteilt hast. Widerrufe ihn jederzeit, und er funktioniert sofort nicht mehr.',
    'landing.footerLabel': 'Für Entwickler',
    'landing.apiDocs': 'API-Dokumentation',
  },
} as const satisfies Record<string, Record<string, string>>;
