// Copyright 2026 The ultra Authors
// SPDX-License-Identifier: Apache-2.0
//
// Differential test oracle for the BN254 precompiles (0x06 ECADD, 0x07 ECMUL, 0x08 ECPAIRING):
// generates seeded random valid and invalid inputs and computes the expected outputs with
// @noble/curves (an independent implementation), following EIP-196/197 for the byte-level rules.
// The result is committed as test/unit/crypto/data/bn254_noble_vectors.json.gz and checked by
// bn254_test.cpp; node is not needed to run the tests.
//
// Usage (from a folder where @noble/curves@2.4.0 is installed, or the repository root once it
// is installed there):
//   node test/unit/crypto/bn254_oracle.mjs <out.json[.gz]> [count-per-precompile]

import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

async function loadNoble() {
    try {
        return await import('@noble/curves/bn254.js');
    } catch {
        const local = join(process.cwd(), 'node_modules/@noble/curves/bn254.js');
        return await import(pathToFileURL(local).href);
    }
}

const { bn254 } = await loadNoble();
const { Fp, Fp2, Fp12 } = bn254.fields;
const G1 = bn254.G1.Point;
const G2 = bn254.G2.Point;
const P = Fp.ORDER;
const R = G1.Fn.ORDER;
const TWO256 = 1n << 256n;

const out = process.argv[2];
const count = Number(process.argv[3] ?? 1000);
if (!out) {
    console.error('usage: node bn254_oracle.mjs <out.json> [count]');
    process.exit(2);
}

// ---- deterministic randomness (splitmix64) ----
let state = 0x0123456789abcdefn;
function next64() {
    state = (state + 0x9e3779b97f4a7c15n) & 0xffffffffffffffffn;
    let z = state;
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & 0xffffffffffffffffn;
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & 0xffffffffffffffffn;
    return z ^ (z >> 31n);
}
const randBig = (bits) => {
    let v = 0n;
    for (let i = 0; i < Math.ceil(bits / 64); ++i) v = (v << 64n) | next64();
    return v & ((1n << BigInt(bits)) - 1n);
};
const randInt = (n) => Number(next64() % BigInt(n));
const randScalar = () => randBig(256) % R;
const randNonZeroScalar = () => 1n + (randBig(256) % (R - 1n));
const randBytes = (n) => {
    let s = '';
    for (let i = 0; i < n; ++i) s += randInt(256).toString(16).padStart(2, '0');
    return s;
};

// ---- encoding (EIP-196/197) ----
const word = (v) => v.toString(16).padStart(64, '0');
const encG1 = (pt) => {
    if (pt.is0()) return word(0n) + word(0n);
    const a = pt.toAffine();
    return word(a.x) + word(a.y);
};
const encG2 = (pt) => {
    if (pt.is0()) return word(0n).repeat(4);
    const a = pt.toAffine();
    return word(a.x.c1) + word(a.x.c0) + word(a.y.c1) + word(a.y.c0);
};
const words = (hex) => {
    const r = [];
    for (let i = 0; i < hex.length; i += 64) r.push(BigInt('0x' + hex.slice(i, i + 64)));
    return r;
};

// ---- the reference semantics, with noble doing the arithmetic ----
// A failure (any invalid input) is null.
function decodeG1(hex) {
    const [x, y] = words(hex);
    if (x >= P || y >= P) return null;
    if (x === 0n && y === 0n) return G1.ZERO;
    try {
        const pt = G1.fromAffine({ x, y });
        pt.assertValidity();
        return pt;
    } catch {
        return null;
    }
}
function decodeG2(hex) {
    const [xi, xr, yi, yr] = words(hex);
    if (xi >= P || xr >= P || yi >= P || yr >= P) return null;
    if (xi === 0n && xr === 0n && yi === 0n && yr === 0n) return G2.ZERO;
    try {
        const pt = G2.fromAffine({ x: Fp2.create({ c0: xr, c1: xi }), y: Fp2.create({ c0: yr, c1: yi }) });
        pt.assertValidity();  // on the twist and in the order-r subgroup
        return pt;
    } catch {
        return null;
    }
}
const pad = (hex, bytes) => (hex.length >= 2 * bytes ? hex.slice(0, 2 * bytes) : hex.padEnd(2 * bytes, '0'));

function refAdd(input) {
    const h = pad(input, 128);
    const a = decodeG1(h.slice(0, 128));
    const b = decodeG1(h.slice(128, 256));
    if (!a || !b) return null;
    return encG1(a.add(b));
}
function refMul(input) {
    const h = pad(input, 96);
    const a = decodeG1(h.slice(0, 128));
    if (!a) return null;
    const k = BigInt('0x' + h.slice(128, 192)) % R;
    return encG1(k === 0n ? G1.ZERO : a.multiplyUnsafe(k));
}
function refPairing(input) {
    if (input.length % 384 !== 0) return null;
    const pairs = [];
    for (let i = 0; i < input.length; i += 384) {
        const g1 = decodeG1(input.slice(i, i + 128));
        const g2 = decodeG2(input.slice(i + 128, i + 384));
        if (!g1 || !g2) return null;
        if (!g1.is0() && !g2.is0()) pairs.push({ g1, g2 });
    }
    const ok = pairs.length === 0 || Fp12.eql(bn254.pairingBatch(pairs), Fp12.ONE);
    return word(ok ? 1n : 0n);
}

// ---- point generators ----
const randG1 = () => G1.BASE.multiply(randNonZeroScalar());
const randG2 = () => G2.BASE.multiply(randNonZeroScalar());
const offCurveG1 = () => {
    const a = randG1().toAffine();
    return word(a.x) + word((a.y + 1n) % P);
};
// A point of the twist outside G2: random x until x³ + b' is a square.
const twistB = G2.CURVE().b;
function twistPointNotInG2() {
    for (;;) {
        const x = Fp2.create({ c0: randBig(256) % P, c1: randBig(256) % P });
        const rhs = Fp2.add(Fp2.mul(Fp2.sqr(x), x), twistB);
        let y;
        try {
            y = Fp2.sqrt(rhs);
        } catch {
            continue;
        }
        const pt = G2.fromAffine({ x, y });
        if (pt.isTorsionFree()) continue;
        return word(x.c1) + word(x.c0) + word(y.c1) + word(y.c0);
    }
}
const offCurveG2 = () => {
    const h = encG2(randG2());
    const [xi, xr, yi, yr] = words(h);
    return word(xi) + word(xr) + word(yi) + word((yr + 1n) % P);
};
// Replaces word `i` of a hex string by a value ≥ p (value + p when it fits, else random ≥ p).
function bumpWord(hex, i) {
    const w = words(hex);
    w[i] = w[i] + P < TWO256 ? w[i] + P : P + (randBig(256) % (TWO256 - P));
    return w.map(word).join('');
}

// ---- vector sets ----
function addVectors(n) {
    const v = [];
    const push = (input) => v.push({ input, output: refAdd(input) });
    for (let i = 0; v.length < n; ++i) {
        const kind = i % 10;
        const a = randG1();
        const b = randG1();
        if (kind <= 3) push(encG1(a) + encG1(b));
        else if (kind === 4) push(encG1(a) + encG1(a));
        else if (kind === 5) push(encG1(a) + encG1(a.negate()));
        else if (kind === 6) {
            const choice = randInt(3);
            push(choice === 0 ? encG1(G1.ZERO) + encG1(b) : choice === 1 ? encG1(a) + encG1(G1.ZERO) : word(0n).repeat(4));
        } else if (kind === 7) {
            const full = encG1(a) + encG1(b);
            if (randInt(2) === 0) push(full.slice(0, 2 * randInt(128)));
            else push(full + randBytes(1 + randInt(64)));
        } else if (kind === 8) {
            const full = encG1(a) + encG1(b);
            push(bumpWord(full, randInt(4)));
        } else {
            const choice = randInt(3);
            if (choice === 0) push(offCurveG1() + encG1(b));
            else if (choice === 1) push(encG1(a) + offCurveG1());
            else push(randBytes(128));
        }
    }
    return v;
}

function mulVectors(n) {
    const v = [];
    const push = (input) => v.push({ input, output: refMul(input) });
    const special = [0n, 1n, 2n, R - 1n, R, R + 1n, 2n * R, TWO256 - 1n, P, (1n << 128n), (1n << 255n)];
    for (let i = 0; v.length < n; ++i) {
        const kind = i % 10;
        const a = randG1();
        if (kind <= 3) push(encG1(a) + word(randBig(256)));
        else if (kind === 4) push(encG1(a) + word(randScalar()));
        else if (kind === 5) push(encG1(a) + word(special[randInt(special.length)]));
        else if (kind === 6) push(encG1(G1.ZERO) + word(randBig(256)));
        else if (kind === 7) {
            const full = encG1(a) + word(randBig(256));
            if (randInt(2) === 0) push(full.slice(0, 2 * randInt(96)));
            else push(full + randBytes(1 + randInt(64)));
        } else if (kind === 8) push(bumpWord(encG1(a) + word(randBig(256)), randInt(2)));
        else push((randInt(2) === 0 ? offCurveG1() : randBytes(64)) + word(randBig(256)));
    }
    return v;
}

// k pairs whose pairing product is 1: a_i·b_i sum to 0 modulo r.
function balancedPairs(k) {
    const as = [];
    const bs = [];
    let sum = 0n;
    for (let i = 0; i + 1 < k; ++i) {
        as.push(randNonZeroScalar());
        bs.push(randNonZeroScalar());
        sum = (sum + as[i] * bs[i]) % R;
    }
    const ak = randNonZeroScalar();
    // b_k = -sum / a_k (mod r); b_k = 0 encodes the point at infinity.
    const bk = (((R - sum) % R) * modInverse(ak, R)) % R;
    as.push(ak);
    bs.push(bk);
    return as.map((a, i) => encG1(G1.BASE.multiply(a)) + encG2(bs[i] === 0n ? G2.ZERO : G2.BASE.multiply(bs[i])));
}
function modInverse(a, m) {
    let [t, newT, r, newR] = [0n, 1n, m, a % m];
    while (newR !== 0n) {
        const q = r / newR;
        [t, newT] = [newT, t - q * newT];
        [r, newR] = [newR, r - q * newR];
    }
    return ((t % m) + m) % m;
}

function pairingVectors(n) {
    const v = [];
    const push = (input) => v.push({ input, output: refPairing(input) });
    for (let i = 0; v.length < n; ++i) {
        const kind = i % 10;
        const k = 1 + randInt(3);
        if (kind <= 2) push(balancedPairs(k + 1).join(''));
        else if (kind === 3) {
            let s = '';
            for (let j = 0; j < k; ++j) s += encG1(randG1()) + encG2(randG2());
            push(s);
        } else if (kind === 4) {
            // Infinity mixed into a balanced set: e(O, Q) = e(P, O) = 1.
            const pairs = balancedPairs(2);
            const inf = randInt(2) === 0 ? encG1(G1.ZERO) + encG2(randG2()) : encG1(randG1()) + encG2(G2.ZERO);
            pairs.splice(randInt(3), 0, inf);
            push(pairs.join(''));
        } else if (kind === 5) {
            // A G2 point on the twist but outside the subgroup.
            const bad = encG1(randInt(2) === 0 ? G1.ZERO : randG1()) + twistPointNotInG2();
            const pairs = balancedPairs(2);
            pairs.splice(randInt(3), 0, bad);
            push(pairs.join(''));
        } else if (kind === 6) {
            const bad = randInt(2) === 0 ? encG1(randG1()) + offCurveG2() : offCurveG1() + encG2(randG2());
            push(bad + balancedPairs(2).join(''));
        } else if (kind === 7) {
            const pair = encG1(randG1()) + encG2(randG2());
            push(bumpWord(pair, randInt(6)) + balancedPairs(2).join(''));
        } else if (kind === 8) {
            const s = balancedPairs(2).join('');
            const cut = 1 + randInt(191);
            push(randInt(2) === 0 ? s.slice(0, s.length - 2 * cut) : s + randBytes(cut));
        } else {
            push(i % 20 === 9 ? '' : encG1(G1.ZERO) + encG2(G2.ZERO));
        }
    }
    return v;
}

// GT values: noble's final exponentiation computes the canonical pairing raised to
// m = 2u(6u²+3u+1) (the Fuentes-Castañeda exponent); the test compares e(P, Q)^m with these.
function gtVectors(n) {
    const v = [];
    for (let i = 0; i < n; ++i) {
        const a = randG1();
        const b = randG2();
        const e = bn254.pairing(a, b);
        const coeffs = [];
        for (const c6 of [e.c0, e.c1])
            for (const c2 of [c6.c0, c6.c1, c6.c2]) coeffs.push(word(c2.c0), word(c2.c1));
        v.push({ g1: encG1(a), g2: encG2(b), gt: coeffs });
    }
    return v;
}

const result = {
    generator: 'test/unit/crypto/bn254_oracle.mjs with @noble/curves 2.4.0',
    add: addVectors(count),
    mul: mulVectors(count),
    pairing: pairingVectors(count),
    gt: gtVectors(16),
};
const text = JSON.stringify(result, null, 0).replaceAll('},{', '},\n{') + '\n';
writeFileSync(out, out.endsWith('.gz') ? gzipSync(text, { level: 9 }) : text);
const stats = (arr) => `${arr.length} (${arr.filter((x) => x.output === null).length} failing)`;
console.log(`add ${stats(result.add)}, mul ${stats(result.mul)}, pairing ${stats(result.pairing)}, gt ${result.gt.length}`);
