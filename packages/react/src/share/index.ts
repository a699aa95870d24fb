export { ShareDialog, type ShareDialogProps } from './ShareDialog.js';
export { PrivacyOption, type PrivacyOptionProps } from './PrivacyOption.js';
export { PasswordGate, type PasswordGateProps } from './PasswordGate.js';
export { QrCode, qrCodeDataUrl, type QrCodeProps } from './QrCode.js';
export { canEmbed, EmbedCode, embedSnippet } from './EmbedCode.js';
export {
  SECRETS_DECISION_REQUIRED,
  useShareConversation,
  type CreateShareSettings,
  type ScanOutcome,
  type ShareAction,
  type ShareActionResult,
  type ShareConversationState,
} from './useShareConversation.js';
export { copyText, type CopyOutcome } from './clipboard.js';
export { CommunityPublish, type CommunityPublishProps } from './CommunityPublish.js';
export {
  COMMUNITY_LOADED,
  COMMUNITY_PUBLISH,
  communityOrigin,
  communityPublishUrl,
  publishToCommunity,
  type CommunityFailure,
  type CommunityOutcome,
  type CommunityPayload,
  type HandshakeEvent,
  type HandshakeHost,
  type PublishToCommunityOptions,
} from './community-handshake.js';
export { useCommunityUrl } from './useCommunityUrl.js';
export { allowedPrivacyLevels, instanceConfigOf } from './instance-config.js';
export { describeShareError, toShareError, type ShareError } from './errors.js';
export {
  createInput as shareFormInput,
  EXPIRY_HOURS,
  initialForm as initialShareForm,
  maxViewsOf,
  parseEmails,
  updateInput as shareFormChanges,
  validateForm as validateShareForm,
  VIEW_LIMIT_CHOICES,
  type ExpiryChoice,
  type FormProblems as ShareFormProblems,
  type ShareFormState,
  type ViewLimitChoice,
} from './form.js';
export { SelectionFields, type SelectionFieldsProps } from './SelectionFields.js';
export {
  initialSelection,
  scanQueryOf,
  selectedMessages,
  selectionInput,
  type ConversationTree,
  type SelectionState,
} from './selection.js';
export {
  addShareStrings,
  createShareI18n,
  SHARE_NAMESPACE,
  ShareI18nProvider,
  useShareI18n,
  type ShareI18n,
  type ShareI18nProviderProps,
  type ShareTranslate,
} from './i18n/index.js';
export { SHARE_STRINGS, type ShareStringKey } from './i18n/strings.js';
