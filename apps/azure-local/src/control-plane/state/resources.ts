import type { Db } from './db.ts';

export interface Subscription {
  subscriptionId: string;
  displayName: string;
  state: string;
}

export interface ResourceGroup {
  subscriptionId: string;
  name: string;
  location: string;
}

/** Subscriptions and resource groups (read-only through ARM; created by the seed). */
export class ResourceContainerStore {
  constructor(private readonly db: Db) {}

  addSubscription(s: Subscription): void {
    this.db
      .prepare('INSERT OR IGNORE INTO subscriptions (id, display_name, state) VALUES (?, ?, ?)')
      .run(s.subscriptionId, s.displayName, s.state);
  }

  addResourceGroup(g: ResourceGroup): void {
    this.db
      .prepare('INSERT OR IGNORE INTO resource_groups (subscription_id, name, location) VALUES (?, ?, ?)')
      .run(g.subscriptionId, g.name, g.location);
  }

  subscriptions(): Subscription[] {
    const rows = this.db.prepare('SELECT * FROM subscriptions ORDER BY display_name').all() as Array<{
      id: string;
      display_name: string;
      state: string;
    }>;
    return rows.map((r) => ({ subscriptionId: r.id, displayName: r.display_name, state: r.state }));
  }

  subscription(id: string): Subscription | undefined {
    return this.subscriptions().find((s) => s.subscriptionId.toLowerCase() === id.toLowerCase());
  }

  resourceGroups(subscriptionId: string): ResourceGroup[] {
    const rows = this.db
      .prepare('SELECT * FROM resource_groups WHERE subscription_id = ? COLLATE NOCASE ORDER BY name')
      .all(subscriptionId) as Array<{ subscription_id: string; name: string; location: string }>;
    return rows.map((r) => ({ subscriptionId: r.subscription_id, name: r.name, location: r.location }));
  }

  resourceGroup(subscriptionId: string, name: string): ResourceGroup | undefined {
    return this.resourceGroups(subscriptionId).find((g) => g.name.toLowerCase() === name.toLowerCase());
  }
}
