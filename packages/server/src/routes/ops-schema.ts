/** Answers of the health and readiness probes, as load balancers and the SDK read them. */
import { Type } from 'typebox';

export const HealthSchema = Type.Object({ status: Type.Literal('ok') }, { title: 'Health' });

export const ReadinessSchema = Type.Object(
  {
    status: Type.Union([Type.Literal('ready'), Type.Literal('degraded')]),
    redis: Type.Optional(Type.Literal('down')),
  },
  {
    title: 'Readiness',
    description: '`degraded`: the database answers but Redis does not; the instance serves with its own rate limits.',
  },
);
