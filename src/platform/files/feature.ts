import { join } from "node:path";
import { cataloguesIn } from "../i18n/catalogues.ts";
import { defineModule } from "../module.ts";
import { fetchJob } from "./fetch-received-file.ts";
import { filesApi } from "./files-api.ts";
import { FETCH_QUEUE } from "./keep-received-file.ts";
import { FILES_PERMISSIONS } from "./permissions.ts";
import { recordReceivedFile } from "./record-received-file.ts";
import { uploadFile } from "./upload-file.ts";

/**
 * Files every replica sees, kept in the database: what users send (downloaded by a job), what
 * the app makes, what the panel uploads; sent by the outbox, downloaded in the panel.
 */
export const filesFeature = defineModule({
  name: "files",
  catalogues: cataloguesIn(join(import.meta.dirname, "locales")),
  permissions: FILES_PERMISSIONS,
  commands: [recordReceivedFile, uploadFile],
  jobs: {
    // Telegram's file links and servers fail now and then: a few spaced retries, then the dead letters.
    [FETCH_QUEUE]: { retryLimit: 5, retryDelaySeconds: 10, expireInSeconds: 300, handler: fetchJob },
  },
  api: filesApi,
});
