import type { ProtocolSession } from "../../protocol/protocolSession.ts";

/**
 * The session as the supply books should see it with a data market beside it: the tokens its
 * providers and the market contract hold count among the account balances (the market trades in
 * the protocol's token, outside the accounts the protocol's books list).
 */
export function withHeldOutside(
  session: ProtocolSession,
  heldOutside: () => Promise<bigint>,
): ProtocolSession {
  return new Proxy(session, {
    get(target, key, receiver) {
      if (key !== "readSupplyBooks") return Reflect.get(target, key, receiver);
      return async () => {
        const [books, outside] = await Promise.all([target.readSupplyBooks(), heldOutside()]);
        return { ...books, accountBalances: books.accountBalances + outside };
      };
    },
  });
}
