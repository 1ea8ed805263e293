import type { Command } from './commands';

/** The text a command is found by: its category and title, as the palette shows them. */
export function commandLabel(command: Command): string {
  return `${command.category}: ${command.title}`;
}

/**
 * Commands whose label holds every typed word (in any order, any case), in their listed order;
 * those whose title starts with the first word come first, so "run get" puts "Run getIssueRadar" on top.
 */
export function matchCommands(commands: readonly Command[], query: string): Command[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const matching = commands.filter((command) => {
    const label = commandLabel(command).toLowerCase();
    return words.every((word) => label.includes(word));
  });
  const first = words[0];
  if (!first) return matching;
  const leading = (command: Command) => (command.title.toLowerCase().startsWith(first) ? 0 : 1);
  return matching
    .map((command, index) => ({ command, index }))
    .sort((a, b) => leading(a.command) - leading(b.command) || a.index - b.index)
    .map(({ command }) => command);
}
