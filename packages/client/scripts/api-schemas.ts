/**
 * Which of the server's route schemas become which SDK types (src/api-types.ts). A name given
 * here is also used wherever the same shape turns up inside another schema, so each shape is
 * declared once. Shapes whose types @chatshare/core owns are imported from core instead.
 */
import { MessageSchema, NewMessageSchema, PartSchema, RoleSchema } from '@chatshare/core';
import type { TSchema } from 'typebox';
import * as admin from '../../server/src/routes/api/admin/schema.js';
import * as auth from '../../server/src/routes/api/auth/schema.js';
import * as common from '../../server/src/routes/api/common-schema.js';
import * as community from '../../server/src/routes/api/community/schema.js';
import * as config from '../../server/src/routes/api/config/schema.js';
import * as conversations from '../../server/src/routes/api/conversations/schema.js';
import * as imports from '../../server/src/routes/api/imports/schema.js';
import * as reports from '../../server/src/routes/api/reports/schema.js';
import * as explore from '../../server/src/routes/api/shared/list-schema.js';
import * as shared from '../../server/src/routes/api/shared/schema.js';
import * as shares from '../../server/src/routes/api/shares/schema.js';
import * as tokens from '../../server/src/routes/api/tokens/schema.js';
import * as ops from '../../server/src/routes/ops-schema.js';
import * as pages from '../../server/src/routes/pages/schema.js';

/** Types declared in the generated file, by section, in the order they are written. */
export const API_TYPES: { section: string; types: Record<string, TSchema> }[] = [
  { section: 'common', types: { Timestamp: common.Timestamp } },
  {
    section: 'accounts',
    types: {
      User: auth.UserSchema,
      UserResponse: auth.UserResponse,
      SessionResponse: auth.SessionResponse,
      SignupInput: auth.SignupBody,
      UpdateMeInput: auth.UpdateMeBody,
      SigninInput: auth.SigninBody,
      ApiToken: tokens.ApiTokenSchema,
      ApiTokenList: tokens.TokenListResponse,
      CreateApiTokenInput: tokens.CreateTokenBody,
      CreatedApiToken: tokens.CreatedTokenResponse,
    },
  },
  {
    section: 'conversations',
    types: {
      Conversation: conversations.ConversationSchema,
      ConversationSummary: conversations.ConversationSummarySchema,
      PageQuery: conversations.ListConversationsQuery,
      OpenAIChatMessage: conversations.OpenAIMessageDoc,
      AppendMessagesInput: conversations.AppendMessagesBody,
    },
  },
  {
    section: 'shares',
    types: {
      ShareStatus: shares.ShareSettingsSchema.properties.status,
      ShareSettingsInput: shares.ShareSettingsInputSchema,
      SnapshotInput: shares.SnapshotInputSchema,
      CreateShareInput: shares.CreateShareBody,
      UpdateShareInput: shares.UpdateShareBody,
      ShareSettings: shares.ShareSettingsSchema,
      ShareTakedown: common.ShareTakedownSchema,
      SecretWarning: shares.SecretWarningSchema,
      ScanQuery: shares.ScanQuery,
      ScanResult: shares.ScanResponse,
      SharePolicies: shares.ShareResponse.properties.policies,
      Share: shares.ShareResponse,
      ListSharesQuery: shares.ListSharesQuery,
      RevokeAllResult: shares.RevokeAllResponse,
      DailyViews: shares.DailyViewsResponse.items,
      ShareViewsQuery: shares.ShareViewsQuery,
    },
  },
  {
    section: 'imports',
    types: {
      ImportedConversation: imports.ImportReportSchema.properties.imported.items,
      SkippedConversation: imports.ImportReportSchema.properties.skipped.items,
      ImportReport: imports.ImportReportSchema,
    },
  },
  {
    section: 'public read',
    types: {
      SharedMessage: shared.SharedMessageSchema,
      SharedConversation: shared.SharedConversationSchema,
      SharedRevealRequired: shared.RevealRequiredSchema,
    },
  },
  {
    section: 'explore and search',
    types: {
      ExploreSort: explore.ExplorePageSchema.properties.sort,
      ExploreQuery: explore.ExploreQuerySchema,
      TextSegment: explore.ExploreItemSchema.properties.excerpt.items,
      ExploreItem: explore.ExploreItemSchema,
      ExplorePage: explore.ExplorePageSchema,
    },
  },
  {
    section: 'reports and moderation',
    types: {
      CreateReportInput: reports.CreateReportBody,
      ReportReceived: reports.CreateReportResponse,
      ModeratedShare: admin.ModeratedShareSchema,
      Report: admin.ReportSchema,
      ListReportsQuery: admin.ListReportsQuery,
      TakedownInput: admin.TakedownBody,
    },
  },
  {
    section: 'instance and community publishing',
    types: {
      InstanceConfig: config.InstanceConfigSchema,
      SnapshotQuery: community.SnapshotQuery,
      Snapshot: community.SnapshotSchema,
      ConversationSnapshot: community.SnapshotResponse,
      PublicationInput: community.PublicationBody,
    },
  },
  {
    section: 'password-protected links and probes',
    types: {
      UnlockResult: pages.UnlockResultSchema,
      Health: ops.HealthSchema,
      Readiness: ops.ReadinessSchema,
    },
  },
];

/**
 * Shapes written as @chatshare/core's types, by the name core exports them under. The share
 * selection's schema lives in the server but its type in core, which computes selections.
 */
export const CORE_TYPES: Record<string, TSchema> = {
  Message: MessageSchema,
  NewMessage: NewMessageSchema,
  Part: PartSchema,
  Role: RoleSchema,
  Privacy: common.PrivacySchema(),
  OnDuplicate: imports.onDuplicateSchema(''),
  ReportReason: reports.ReportReasonSchema,
  ShareSelection: shares.ShareSettingsSchema.properties.selection,
};
