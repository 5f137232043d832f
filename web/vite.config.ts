import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

/** For `vite dev`: the running app (npm run sandbox) that serves /api and /sandbox. */
const appUrl = process.env.BOTYARD_APP_URL ?? "http://127.0.0.1:3000";

export default defineConfig({
  root: import.meta.dirname,
  base: "/",
  plugins: [react()],
  build: { outDir: "dist", emptyOutDir: true },
  server: {
    proxy: {
      "/sandbox": { target: appUrl, changeOrigin: true },
      "/api": { target: appUrl, changeOrigin: true },
    },
  },
});
