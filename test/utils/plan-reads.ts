/** A node of `EXPLAIN (FORMAT JSON)`'s plan. */
export interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

/** Every table the plan reads, in plan order, as `table:index` (or `table:Seq Scan` and the
 * like when no index is used). */
export function planReads(node: PlanNode, out: string[] = []): string[] {
  if (node['Relation Name'])
    out.push(`${node['Relation Name']}:${node['Index Name'] ?? node['Node Type']}`);
  for (const child of node.Plans ?? []) planReads(child, out);
  return out;
}
