import type {
  AgentEpochRow,
  AgentRow,
  ChoiceRow,
  DelegatorRow,
  EpochRow,
  GovernanceRow,
  OperatorRow,
  ParticipationRow,
  PhaseTimingRow,
  StakeMoveRow,
} from "./runTables.ts";

/** What a column holds: its unit (`-` for none) and one line of meaning. */
export interface ColumnDoc {
  unit: string;
  meaning: string;
}

type Docs<Row> = { readonly [K in keyof Row]-?: ColumnDoc };

const d = (unit: string, meaning: string): ColumnDoc => ({ unit, meaning });

/** The identity columns that lead every table in the run folder, so tables of many runs concatenate. */
export interface IdentityRow {
  run_id: string;
  scenario: string;
  seed: number;
}

export const IDENTITY_DOCS: Docs<IdentityRow> = {
  run_id: d("-", "the run folder's name: scenario, seed and start time; unique per run"),
  scenario: d("-", "the scenario's name"),
  seed: d("-", "the run's root seed"),
};

/** One row per transaction (transactions.csv). */
export interface TransactionRow {
  epoch: number;
  phase: string;
  agent: string;
  functionName: string;
  status: string;
  error: string;
  gasUsed: number | null;
}

/** Every column of every run table, documented: the compiler asks for each new row field. */
export const COLUMN_DOCS = {
  epochs: {
    epoch: d("epoch", "epoch number, from 0"),
    block: d(
      "block",
      "the block the epoch's emission was paid in (the memory protocol keeps the same block clock)",
    ),
    emissionWei: d("wei", "tokens minted and paid this epoch, exact, as a decimal string"),
    emission: d("tokens", "tokens minted and paid this epoch"),
    supply: d("tokens", "total token supply after the epoch"),
    inferences: d("queries", "queries answered by miners this epoch (miners × queries)"),
    transactions: d("transactions", "transactions sent this epoch"),
    reverted: d("transactions", "of which reverted (an expected revert is an outcome, not a failure)"),
    gasUsed: d("gas", "gas used by the epoch's transactions; empty where the protocol meters none (memory)"),
    reveals: d("validators", "validators whose weight reveal was accepted this epoch"),
    feesEscrowed: d("tokens", "task fees users escrowed for this epoch"),
    feesReleased: d("tokens", "escrowed fees released to the subnet when the epoch was paid"),
    feesRefunded: d("tokens", "escrowed fees refunded to users when the epoch failed"),
    slashed: d("tokens", "stake burned by slashes this epoch"),
  } satisfies Docs<EpochRow>,
  agentEpochs: {
    epoch: d("epoch", "epoch number, from 0"),
    uid: d("-", "the agent's UID on the subnet this epoch"),
    agent: d("-", "the agent's id (its population group and index)"),
    role: d("-", "miner or validator"),
    score: d("0..1", "a miner's mean score from validators; a validator's mean given score; empty if none"),
    incentive: d("share", "the miner's incentive this epoch (sums to 1 over miners, or 0)"),
    dividends: d("share", "the validator's dividends this epoch (sums to 1 over validators, or 0)"),
    reward: d("tokens", "emission paid to the agent this epoch"),
    cumulativeReward: d("tokens", "emission paid to the agent up to and including this epoch"),
    stake: d("tokens", "the agent's stake after the epoch"),
    fees: d("tokens", "task fees released to the agent this epoch"),
    slashed: d("tokens", "the agent's stake burned by slashes this epoch"),
  } satisfies Docs<AgentEpochRow>,
  agents: {
    uid: d("-", "the agent's last UID (-1 if it never held one)"),
    agent: d("-", "the agent's id"),
    role: d("-", "miner or validator"),
    strategy: d("-", "the agent's strategy (honest or an adversary's name)"),
    address: d("-", "the agent's account address on the chain"),
    tier: d("-", "a miner's model quality tier"),
    trueQuality: d(
      "0..1",
      "a miner's true held-out accuracy (digits) or its equivalent; empty for validators",
    ),
    stake: d("tokens", "stake at the end of the run"),
    totalReward: d("tokens", "emission paid to the agent over the run"),
    cost: d("tokens", "registration burn, compute and stake opportunity cost, as the scenario prices them"),
    totalFees: d("tokens", "task fees received over the run"),
    slashed: d("tokens", "stake burned by slashes over the run"),
    registrationBurn: d("tokens", "tokens burned registering its UID (part of cost)"),
    prunedEpoch: d("epoch", "epoch at whose start its UID was replaced; -1 if never"),
  } satisfies Docs<AgentRow>,
  transactions: {
    epoch: d("epoch", "epoch the transaction belongs to; -1 for genesis setup"),
    phase: d(
      "-",
      "the pipeline phase that sent it (setup, register, tasks, commit, reveal, emission, slashing)",
    ),
    agent: d("-", "the sender's agent id (or the engine's driver)"),
    functionName: d("-", "the contract function called"),
    status: d("-", "success or reverted"),
    error: d("-", "the contract's custom error name when reverted"),
    gasUsed: d("gas", "gas used; empty where the protocol meters none (memory)"),
  } satisfies Docs<TransactionRow>,
  timings: {
    epoch: d("epoch", "epoch number"),
    phase: d("-", "pipeline phase"),
    ms: d("ms", "wall time of the phase (not part of the results hash)"),
  } satisfies Docs<PhaseTimingRow>,
  operators: {
    operator: d(
      "-",
      "the operator's name (operators: in the scenario), or independent for agents that work alone",
    ),
    agents: d("agents", "agents it owns"),
    miners: d("agents", "of which miners"),
    validators: d("agents", "of which validators"),
    strategies: d("-", "its agents' strategies, distinct, sorted, joined with |"),
    stake: d("tokens", "stake its agents hold at the end"),
    totalReward: d("tokens", "emission its agents received over the run"),
    totalFees: d("tokens", "task fees its agents received over the run"),
    cost: d("tokens", "what its agents spent: registration burns, compute, stake lock-up"),
    slashed: d("tokens", "stake burned from its agents by slashes"),
    profit: d("tokens", "totalReward + totalFees − cost − slashed: above 0, running these agents pays"),
    rewardShare: d("fraction", "its share of all rewards paid"),
    stakeShare: d("fraction", "its share of the final stake"),
  } satisfies Docs<OperatorRow>,
  choices: {
    epoch: d("epoch", "epoch number"),
    agent: d("-", "the adaptive agent"),
    choice: d("-", "the strategy it chose for this epoch"),
    observed: d(
      "fraction",
      "the payoff (0..1) it observed this epoch for its previous choice; empty before it had one",
    ),
  } satisfies Docs<ChoiceRow>,
  governance: {
    epoch: d(
      "epoch",
      "epoch in which the event happened (the change took effect in the epoch of its execute)",
    ),
    proposal: d("-", "the proposal's number (creation order; -1 for a propose that reverted)"),
    action: d(
      "-",
      "propose, vote, queue, execute, or outcome (the proposal's final state, once); a vote buyer's offer, a holder's claim of its bribe, the buyer's refund",
    ),
    agent: d(
      "-",
      "who acted: the proposer, the voter, or driver (queue, execute), the vote buyer (offer, refund), the bribed holder (claim); empty for an outcome",
    ),
    support: d("-", "a vote's choice: for, against or abstain; empty otherwise"),
    votes: d(
      "tokens",
      "a vote or claim: the voter's votes (delegated tokens) at the proposal's snapshot; an offer: the votes it bribes; for an outcome, the for-votes counted",
    ),
    status: d(
      "-",
      "success or reverted; for an outcome, the final state (Executed, Defeated, ...); an offer the buyer did not make: skipped or none needed",
    ),
    error: d("-", "the revert's custom error name, or empty"),
    detail: d(
      "-",
      "the changes proposed (propose, outcome); the voter's expected change of income per epoch in tokens, with '; bribed' when it took a bribe (vote); the bribe in tokens (claim), the tokens refunded (refund); an offer's key=value summary: holders, bribes, needed (tokens), nakamoto (the holders' votes at the snapshot), quorum (tokens)",
    ),
  } satisfies Docs<GovernanceRow>,
  stakeMoves: {
    epoch: d("epoch", "epoch of the move (-1: genesis, before the first epoch)"),
    actor: d("-", "who sent it: a delegator (<group>-<i>) or a validator (setTake)"),
    action: d("-", "stake, unstake (into the cooldown), withdraw (after it) or setTake"),
    from: d("-", "the validator the stake leaves (unstake, withdraw), or empty"),
    to: d("-", "the validator the stake goes to (stake), or empty"),
    amount: d("tokens", "tokens moved; a withdraw: what had cooled down; setTake: 0"),
    take: d("fraction", "setTake: the take asked for; empty for the other actions"),
    outcome: d("-", "success, or the revert's custom error name (StillCoolingDown, TakeStepTooLarge, ...)"),
  } satisfies Docs<StakeMoveRow>,
  delegators: {
    epoch: d("epoch", "epoch number"),
    delegator: d("-", "the delegator (<group>-<i>)"),
    strategy: d("-", "loyal or yield-chaser"),
    validator: d("-", "the validator it is staked on after the epoch's moves; empty while unbonding"),
    stake: d("tokens", "what it could unstake after the epoch's moves (Staking.stakeBy)"),
    unbonding: d("tokens", "tokens cooling down, not yet withdrawn"),
    balance: d("tokens", "liquid tokens"),
    reward: d("tokens", "what its stake earned this epoch: compounded dividends net of take, less slashes"),
    yield: d("fraction", "reward / its stake when the epoch began (0 while nothing was staked)"),
  } satisfies Docs<DelegatorRow>,
  participation: {
    epoch: d(
      "epoch",
      "enter: the epoch at whose start it registered; exit: the epoch after which it stopped serving; pruned: the epoch at whose start its UID had gone to a newcomer",
    ),
    agent: d(
      "-",
      "the miner or validator (miner-<i>, validator-<i>; prospects follow the population's miners, validators)",
    ),
    tier: d("-", "a miner's model quality tier; empty for a validator"),
    strategy: d("-", "the strategy it runs (or ran, after it stopped serving)"),
    action: d(
      "-",
      "enter (a prospect registers; a validator stakes too), exit (stops serving: a miner answers nothing and computes nothing, a validator sets no weights and unstakes) or pruned",
    ),
    rewardPerEpoch: d(
      "tokens",
      "enter: a miner, the mean reward per epoch of serving miners of its tier over the recent window (else of the nearest tier below it that served); a validator, serving validators' mean reward per staked token over the window × its stake; exit: its own mean reward over the loss streak",
    ),
    costPerEpoch: d(
      "tokens",
      "its compute per epoch (queries answered × price per query) plus stake lock-up",
    ),
    burn: d(
      "tokens",
      "enter: the registration burn it expected (estimated from the latest burn paid); else 0",
    ),
    burned: d("tokens", "enter: what it burned (0 when the registration reverted); else 0"),
    profit: d(
      "tokens",
      "enter: its expected profit over participation.horizonEpochs (reward diluted by its arrival: one more miner when the subnet has a free UID, its stake joining the validators', less costs, less the burn); exit: its own profit over the loss streak; pruned: 0",
    ),
    outcome: d(
      "-",
      "enter: success or no UID (the registration reverted; it stays a prospect); exit: stopped serving; pruned: while serving or after it stopped serving",
    ),
  } satisfies Docs<ParticipationRow>,
} as const;
