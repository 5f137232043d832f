import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";

/**
 * A button's write to the API: runs it, then refreshes the listed queries; remembers the
 * server's message of a refusal (already in the person's words) or a short success note.
 */
export function useAction(refresh: readonly string[]) {
  const queryClient = useQueryClient();
  const [message, setMessage] = useState<{ kind: "error" | "notice"; text: string } | undefined>();
  const mutation = useMutation({
    mutationFn: async (action: { run: () => Promise<unknown>; done?: string }) => {
      await action.run();
      return action.done;
    },
    onMutate: () => setMessage(undefined),
    onSuccess: (done) => setMessage(done === undefined ? undefined : { kind: "notice", text: done }),
    onError: (error) => setMessage({ kind: "error", text: error instanceof Error ? error.message : String(error) }),
    onSettled: () => Promise.all(refresh.map((key) => queryClient.invalidateQueries({ queryKey: [key] }))),
  });
  return {
    run: (run: () => Promise<unknown>, done?: string) => mutation.mutate({ run, done }),
    busy: mutation.isPending,
    message,
  };
}
