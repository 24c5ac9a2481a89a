import { RecordStore } from "../../../sim/salesforce/store/record-store";

describe("record store transactions", () => {
  const store = () => new RecordStore(new Map([["Account", ["Ext__c"]]]));

  it("rolls back inserts, updates and deletes to a savepoint, indexes included", () => {
    const subject = store();
    subject.put("Account", { Id: "a1", Ext__c: "K1", Name: "One" });
    const savepoint = subject.savepoint();
    subject.put("Account", { Id: "a1", Ext__c: "K2", Name: "One changed" });
    subject.put("Account", { Id: "a2", Ext__c: "K3", Name: "Two" });
    subject.delete("Account", "a1");
    expect(subject.findIds("Account", "Ext__c", "k2")).toEqual([]);
    subject.rollbackTo(savepoint);
    subject.release(savepoint);
    expect(subject.all("Account")).toEqual([{ Id: "a1", Ext__c: "K1", Name: "One" }]);
    expect(subject.findIds("Account", "Ext__c", "k1")).toEqual(["a1"]);
    expect(subject.findIds("Account", "Ext__c", "K3")).toEqual([]);
    expect(subject.getDeleted("Account", "a1")).toBeUndefined();
  });

  it("keeps deleted records in the recycle bin with IsDeleted", () => {
    const subject = store();
    subject.put("Account", { Id: "a1", Ext__c: "K1" });
    subject.delete("Account", "a1");
    expect(subject.allIncludingDeleted("Account")).toEqual([{ Id: "a1", Ext__c: "K1", IsDeleted: true }]);
  });
});
