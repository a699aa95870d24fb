/**
 * Compile-time only (checked by `tsc`, never run): the SDK's types must match the server's
 * TypeBox schemas in both directions. Most are generated from those schemas (src/api-types.ts,
 * kept current by test/api-types.test.ts); this checks what the generator cannot vouch for:
 * its own translation, the shapes it hands to @chatshare/core's types (the conversation model,
 * share selections, privacy levels), and the paging envelope written by hand.
 */
import type { Static } from 'typebox';
import type {
  UserResponse as UserResponseSchema,
  SessionResponse as SessionResponseSchema,
  SigninBody,
  SignupBody,
  UpdateMeBody,
} from '../../server/src/routes/api/auth/schema.js';
import type {
  AppendMessagesBody,
  ConversationListResponse,
  ConversationSchema,
  ConversationSummarySchema,
  ListConversationsQuery as ListConversationsQuerySchema,
} from '../../server/src/routes/api/conversations/schema.js';
import type {
  RevealRequiredSchema,
  SharedConversationSchema,
  SharedMessageSchema,
} from '../../server/src/routes/api/shared/schema.js';
import type {
  ExploreItemSchema,
  ExplorePageSchema,
  ExploreQuerySchema,
} from '../../server/src/routes/api/shared/list-schema.js';
import type { ImportReportSchema } from '../../server/src/routes/api/imports/schema.js';
import type {
  CreateShareBody,
  DailyViewsResponse,
  ListSharesQuery as ListSharesQuerySchema,
  RevokeAllResponse,
  SecretWarningSchema,
  ShareListResponse,
  ShareResponse,
  ScanQuery as ScanQuerySchema,
  ScanResponse,
  ShareSettingsInputSchema,
  ShareSettingsSchema,
  ShareViewsQuery as ShareViewsQuerySchema,
  SnapshotInputSchema,
  UpdateShareBody,
} from '../../server/src/routes/api/shares/schema.js';
import type {
  ApiTokenSchema,
  CreatedTokenResponse,
  CreateTokenBody,
  TokenListResponse,
} from '../../server/src/routes/api/tokens/schema.js';
import type { ErrorSchema } from '../../server/src/routes/api/common-schema.js';
import type {
  ListReportsQuery as ListReportsQuerySchema,
  ModeratedShareSchema,
  ReportListResponse,
  ReportSchema,
  TakedownBody,
} from '../../server/src/routes/api/admin/schema.js';
import type { CreateReportBody, CreateReportResponse } from '../../server/src/routes/api/reports/schema.js';
import type { InstanceConfigSchema } from '../../server/src/routes/api/config/schema.js';
import type {
  PublicationBody,
  SnapshotQuery as SnapshotQuerySchema,
  SnapshotResponse,
} from '../../server/src/routes/api/community/schema.js';
import type {
  ApiToken,
  ApiTokenList,
  AppendMessagesInput,
  Conversation,
  ConversationSnapshot,
  ConversationSummary,
  CreateApiTokenInput,
  CreatedApiToken,
  CreateReportInput,
  CreateShareInput,
  DailyViews,
  ExploreItem,
  ExplorePage,
  ExploreQuery,
  ImportReport,
  InstanceConfig,
  ListConversationsQuery,
  ListReportsQuery,
  ListSharesQuery,
  ModeratedShare,
  Page,
  Report,
  ReportReceived,
  PublicationInput,
  RevokeAllResult,
  ScanQuery,
  ScanResult,
  SecretWarning,
  SessionResponse,
  Share,
  SharedConversation,
  SharedMessage,
  SharedRevealRequired,
  ShareSettings,
  ShareSettingsInput,
  ShareViewsQuery,
  SigninInput,
  SignupInput,
  TakedownInput,
  SnapshotInput,
  SnapshotQuery,
  UpdateMeInput,
  UpdateShareInput,
  UserResponse,
} from '../src/index.js';

/** True when each type is assignable to the other. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Check<T extends true> = T;

export type Checks = [
  Check<Same<SignupInput, SignupBody>>,
  Check<Same<SigninInput, SigninBody>>,
  Check<Same<UpdateMeInput, UpdateMeBody>>,
  Check<Same<UserResponse, Static<typeof UserResponseSchema>>>,
  Check<Same<SessionResponse, Static<typeof SessionResponseSchema>>>,
  Check<Same<ApiToken, Static<typeof ApiTokenSchema>>>,
  Check<Same<ApiTokenList, Static<typeof TokenListResponse>>>,
  Check<Same<CreateApiTokenInput, Static<typeof CreateTokenBody>>>,
  Check<Same<CreatedApiToken, Static<typeof CreatedTokenResponse>>>,
  Check<Same<Conversation, Static<typeof ConversationSchema>>>,
  Check<Same<ConversationSummary, Static<typeof ConversationSummarySchema>>>,
  Check<Same<Page<ConversationSummary>, Static<typeof ConversationListResponse>>>,
  Check<Same<ListConversationsQuery, Static<typeof ListConversationsQuerySchema>>>,
  Check<Same<AppendMessagesInput, AppendMessagesBody>>,
  Check<Same<CreateShareInput, CreateShareBody>>,
  Check<Same<UpdateShareInput, Static<typeof UpdateShareBody>>>,
  Check<Same<ShareSettings, Static<typeof ShareSettingsSchema>>>,
  Check<Same<SecretWarning, Static<typeof SecretWarningSchema>>>,
  Check<Same<Share, Static<typeof ShareResponse>>>,
  Check<Same<Page<Share>, Static<typeof ShareListResponse>>>,
  Check<Same<ListSharesQuery, Static<typeof ListSharesQuerySchema>>>,
  Check<Same<RevokeAllResult, Static<typeof RevokeAllResponse>>>,
  Check<Same<DailyViews[], Static<typeof DailyViewsResponse>>>,
  Check<Same<ShareViewsQuery, Static<typeof ShareViewsQuerySchema>>>,
  Check<Same<ImportReport, Static<typeof ImportReportSchema>>>,
  Check<Same<SharedMessage, Static<typeof SharedMessageSchema>>>,
  Check<Same<SharedConversation, Static<typeof SharedConversationSchema>>>,
  Check<Same<ExploreItem, Static<typeof ExploreItemSchema>>>,
  Check<Same<ExplorePage, Static<typeof ExplorePageSchema>>>,
  Check<Same<ExploreQuery, Static<typeof ExploreQuerySchema>>>,
  Check<Same<{ error: { code: string; message: string; details?: unknown } }, Static<typeof ErrorSchema>>>,
  Check<Same<CreateReportInput, CreateReportBody>>,
  Check<Same<ReportReceived, Static<typeof CreateReportResponse>>>,
  Check<Same<ModeratedShare, Static<typeof ModeratedShareSchema>>>,
  Check<Same<Report, Static<typeof ReportSchema>>>,
  Check<Same<Page<Report>, Static<typeof ReportListResponse>>>,
  Check<Same<ListReportsQuery, Static<typeof ListReportsQuerySchema>>>,
  Check<Same<TakedownInput, Static<typeof TakedownBody>>>,
  Check<Same<InstanceConfig, Static<typeof InstanceConfigSchema>>>,
  Check<Same<SnapshotQuery, Static<typeof SnapshotQuerySchema>>>,
  Check<Same<ConversationSnapshot, Static<typeof SnapshotResponse>>>,
  Check<Same<PublicationInput, Static<typeof PublicationBody>>>,
  Check<Same<ShareSettingsInput, Static<typeof ShareSettingsInputSchema>>>,
  Check<Same<SnapshotInput, Static<typeof SnapshotInputSchema>>>,
  Check<Same<ScanQuery, Static<typeof ScanQuerySchema>>>,
  Check<Same<ScanResult, Static<typeof ScanResponse>>>,
  Check<Same<SharedRevealRequired, Static<typeof RevealRequiredSchema>>>,
];
