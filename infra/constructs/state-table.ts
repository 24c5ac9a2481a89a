import { RemovalPolicy } from "aws-cdk-lib";
import * as dynamodb from "aws-cdk-lib/aws-dynamodb";
import { Construct } from "constructs";

/** Key and TTL attribute names: the contract with the state-store adapter. */
export const StateTableKeys = { partitionKey: "pk", sortKey: "sk", timeToLive: "expiresAt" } as const;

/**
 * The one DynamoDB table for record state, cursors and the activity log (single-table design).
 * On-demand (the load is a burst per scheduled run, idle otherwise), TTL on `expiresAt` (activity
 * entries expire), point-in-time recovery, retained when the stack is deleted.
 *
 * Encryption: the AWS-managed key (`aws/dynamodb`) rather than a customer key. The table holds ids
 * and content hashes only (no personal data, by design), so a customer key's extra control (key
 * policy, cross-account revocation) buys little, while it costs a monthly key fee, KMS request
 * charges on every read/write and one more resource to keep. Unlike the default AWS-owned key, the
 * AWS-managed key is visible in the account and its use is logged in CloudTrail.
 */
export class StateTable extends Construct {
  readonly table: dynamodb.TableV2;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.table = new dynamodb.TableV2(this, "Table", {
      partitionKey: { name: StateTableKeys.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: StateTableKeys.sortKey, type: dynamodb.AttributeType.STRING },
      billing: dynamodb.Billing.onDemand(),
      timeToLiveAttribute: StateTableKeys.timeToLive,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: dynamodb.TableEncryptionV2.awsManagedKey(),
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
