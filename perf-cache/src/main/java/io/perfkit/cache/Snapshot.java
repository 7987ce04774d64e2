package io.perfkit.cache;

/** What a miss saw before it loaded: epochs for the L1 fill check, generations for the L2 check. */
final class Snapshot {
    final long epoch;
    final long global;
    final Generation[] holders;
    final long[] gens;

    Snapshot(long epoch, long global, Generation[] holders, long[] gens) {
        this.epoch = epoch;
        this.global = global;
        this.holders = holders;
        this.gens = gens;
    }

    Snapshot withEpochs(long newEpoch, long newGlobal) {
        return new Snapshot(newEpoch, newGlobal, holders, gens);
    }

    boolean known() {
        for (long g : gens) {
            if (g == Generation.UNKNOWN) {
                return false;
            }
        }
        return true;
    }
}
