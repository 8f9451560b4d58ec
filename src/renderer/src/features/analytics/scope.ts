/** The drill-down filter: the whole org, or one workspace, group or agent. */
export interface Scope {
  workspaceId?: string;
  agentGroupId?: string;
  agentId?: string;
}
