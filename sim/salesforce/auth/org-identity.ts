/** Who the sandbox is: org, integration user and the connected app's credentials. */
export interface OrgIdentity {
  orgId: string;
  userId: string;
  clientId: string;
  clientSecret: string;
  username: string;
  password: string;
}
