package io.alarmhub.video.audio;

/**
 * The per-rate tables of G.726 (its tables 1 to 4 and 6 to 13), indexed by the full code word. The upper half
 * of each code space is the negative one, in one's complement, so a table is its positive half mirrored.
 *
 * @param decisions   quantizer decision levels on the normalised log scale; a difference at or above
 *                    {@code decisions[i]} quantises to magnitude index {@code i + 1} or more
 * @param dqln        reconstructed log magnitude of each code word
 * @param scale       the step size adaptation W of each code word, times 32 as the FILTD block wants it
 * @param speed       the adaptation speed input F of each code word, times 512 as FILTA and FILTB want it
 */
record G726Tables(int bits, int[] decisions, int[] dqln, int[] scale, int[] speed) {

    /** Below any reconstruction: the log magnitude of a zero difference. */
    private static final int ZERO = -2048;

    private static final G726Tables[] BY_BITS = {
        null,
        null,
        of(2, new int[] {261},
                new int[] {116, 365},
                new int[] {-22, 439},
                new int[] {0, 7}),
        of(3, new int[] {8, 218, 331},
                new int[] {ZERO, 135, 273, 373},
                new int[] {-4, 30, 137, 582},
                new int[] {0, 1, 2, 7}),
        of(4, new int[] {-124, 80, 178, 246, 300, 349, 400},
                new int[] {ZERO, 4, 135, 213, 273, 323, 373, 425},
                new int[] {-12, 18, 41, 64, 112, 198, 355, 1122},
                new int[] {0, 0, 0, 1, 1, 1, 3, 7}),
        of(5, new int[] {-122, -16, 68, 139, 198, 250, 298, 339, 378, 413, 445, 475, 502, 528, 553},
                new int[] {ZERO, -66, 28, 104, 169, 224, 274, 318, 358, 395, 429, 459, 488, 514, 539, 566},
                new int[] {14, 14, 24, 39, 40, 41, 58, 100, 141, 179, 219, 280, 358, 440, 529, 696},
                new int[] {0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 3, 4, 5, 6, 6}),
    };

    static G726Tables forBits(int bits) {
        return BY_BITS[bits];
    }

    /** The sign bit of a code word. */
    int signBit() {
        return 1 << (bits - 1);
    }

    private static G726Tables of(int bits, int[] decisions, int[] dqln, int[] w, int[] f) {
        return new G726Tables(bits, decisions, mirror(dqln, 1), mirror(w, 32), mirror(f, 512));
    }

    private static int[] mirror(int[] half, int factor) {
        int[] full = new int[half.length * 2];
        for (int i = 0; i < half.length; i++) {
            full[i] = half[i] * factor;
            full[full.length - 1 - i] = half[i] * factor;
        }
        return full;
    }
}
