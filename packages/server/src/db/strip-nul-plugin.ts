/**
 * PostgreSQL text cannot hold U+0000 (SQLite can), so a NUL in a title or a search would be a
 * 500 on one dialect only. This plugin drops NUL from every string bound into a query, on
 * both dialects alike. JSON columns are unaffected: JSON.stringify writes NUL as `\u0000`.
 */
import type { PrimitiveValueListNode, ValueNode } from 'kysely';
import {
  OperationNodeTransformer,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from 'kysely';

const strip = (value: unknown) =>
  typeof value === 'string' && value.includes('\0') ? value.replaceAll('\0', '') : value;

class StripNulTransformer extends OperationNodeTransformer {
  protected override transformValue(node: ValueNode): ValueNode {
    const value = strip(node.value);
    return value === node.value ? node : { ...node, value };
  }

  protected override transformPrimitiveValueList(node: PrimitiveValueListNode): PrimitiveValueListNode {
    return node.values.some((value) => strip(value) !== value) ? { ...node, values: node.values.map(strip) } : node;
  }
}

export class StripNulPlugin implements KyselyPlugin {
  readonly #transformer = new StripNulTransformer();

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return this.#transformer.transformNode(args.node);
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}
