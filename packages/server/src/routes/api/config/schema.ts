import { Type } from 'typebox';

export const InstanceConfigSchema = Type.Object(
  {
    signupEnabled: Type.Boolean({ description: 'New accounts can be created here.' }),
    openSharing: Type.Boolean({ description: 'Public and unlisted links are allowed (false: private links only).' }),
    communitySharing: Type.Object(
      {
        enabled: Type.Boolean({ description: 'The share dialog offers "Publish to community".' }),
        url: Type.Union([Type.String(), Type.Null()], {
          description: 'The community instance conversations are published to (no trailing slash).',
        }),
      },
      { description: 'Publishing from this instance to a community instance.' },
    ),
    communityPublishing: Type.Object(
      {
        allowedOrigins: Type.Array(Type.String(), {
          description: 'Sites whose conversations this instance’s /publish page accepts; empty means any.',
        }),
      },
      { description: 'Receiving conversations from other instances on this one’s /publish page.' },
    ),
    copies: Type.Boolean({
      description: 'Readers may save a copy of a link into their account, where its owner allows it.',
    }),
  },
  { title: 'InstanceConfig', description: 'What an instance offers: public, cacheable, nothing secret.' },
);
