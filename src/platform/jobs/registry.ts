import type { JobDefinition } from './types.js';

/** The job handlers this process knows. A job whose name is unknown here stays queued for a process that knows it. */
export class JobRegistry {
  private readonly definitions = new Map<string, JobDefinition>();

  register(definition: JobDefinition): void {
    if (this.definitions.has(definition.name)) throw new Error(`Job "${definition.name}" registered twice`);
    this.definitions.set(definition.name, definition);
  }

  get(name: string): JobDefinition | undefined {
    return this.definitions.get(name);
  }

  names(): string[] {
    return [...this.definitions.keys()];
  }
}
