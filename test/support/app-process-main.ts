/**
 * The `botyard` command as `AppProcess` runs it: the real command line, its signals and its exit,
 * with the intervals the test passes as the first argument (JSON) instead of production's.
 */
import { main, type Timing } from "../../src/cli.ts";

const [timing = "{}", ...argv] = process.argv.slice(2);
await main(argv, JSON.parse(timing) as Timing);
