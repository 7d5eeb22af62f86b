#!/usr/bin/env bash
# Issue 18's promise, checked: a new in-tree plugin module needs its own directory and its line in the parent pom's
# <modules>, nothing else. In a clone of HEAD this generates plugin-throwaway (a least-squares-like loss), adds the
# one <modules> line, lets the launcher build it, and trains with it; then asserts that git sees no other change.
#   scripts/check-new-module.sh [WORK_DIR]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="${1:-$(mktemp -d)}"
rm -rf "$work/gan4j" && git clone -q "$root" "$work/gan4j"
cd "$work/gan4j"
m=plugin-throwaway
mkdir -p $m/src/main/java/org/gan4j/throwaway $m/src/main/resources/META-INF/services
cat > $m/pom.xml <<'POM'
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <parent><groupId>org.gan4j</groupId><artifactId>gan4j-parent</artifactId><version>0.1.0-SNAPSHOT</version></parent>
  <artifactId>plugin-throwaway</artifactId>
  <properties><jpms.module>gan4j.plugin.throwaway</jpms.module><gan4j.builtin.skip>false</gan4j.builtin.skip></properties>
  <dependencies>
    <dependency><groupId>org.gan4j</groupId><artifactId>gan-api</artifactId></dependency>
  </dependencies>
</project>
POM
cat > $m/src/main/java/module-info.java <<'JAVA'
module gan4j.plugin.throwaway {
    requires gan4j.api;
    provides org.gan4j.api.Loss with org.gan4j.throwaway.SquaresLoss;
}
JAVA
echo org.gan4j.throwaway.SquaresLoss > $m/src/main/resources/META-INF/services/org.gan4j.api.Loss
cat > $m/src/main/java/org/gan4j/throwaway/SquaresLoss.java <<'JAVA'
package org.gan4j.throwaway;

import org.gan4j.api.GanApi;
import org.gan4j.api.Loss;
import org.gan4j.api.NoConfig;
import org.gan4j.api.Provider;
import org.gan4j.api.train.AdversarialLoss;
import org.nd4j.linalg.api.ndarray.INDArray;

/** mean (D(x) - 1)² + mean D(G(z))² for D, mean (D(G(z)) - 1)² for G. */
public final class SquaresLoss extends Provider<NoConfig> implements Loss<NoConfig> {
    public SquaresLoss() {
        super("throwaway-squares", NoConfig.class, GanApi.VERSION, "a loss from a module that was not there before");
    }

    @Override
    public AdversarialLoss create(NoConfig config) {
        return new AdversarialLoss() {
            @Override
            public DiscriminatorLoss discriminator(INDArray real, INDArray fake) {
                INDArray r = real.sub(1);
                double value = r.mul(r).meanNumber().doubleValue() + fake.mul(fake).meanNumber().doubleValue();
                return new DiscriminatorLoss(value, r.muli(2.0 / real.length()), fake.mul(2.0 / fake.length()));
            }

            @Override
            public GeneratorLoss generator(INDArray fake) {
                INDArray f = fake.sub(1);
                return new GeneratorLoss(f.mul(f).meanNumber().doubleValue(), f.muli(2.0 / fake.length()));
            }
        };
    }
}
JAVA
python3 - <<'PY'
s = open("pom.xml").read()
anchor = "    <!-- last:"
assert anchor in s, "the parent pom's <modules> no longer ends with the app's comment"
open("pom.xml", "w").write(s.replace(anchor, "    <module>plugin-throwaway</module>\n" + anchor, 1))
PY
changed="$(git status --porcelain | sort)"
expected="$(printf ' M pom.xml\n?? plugin-throwaway/\n')"
[ "$changed" = "$expected" ] || { echo "check-new-module: unexpected changes:"; echo "$changed"; exit 1; }
./gan plugins | tee plugins.txt
grep -q "throwaway-squares .*gan4j.plugin.throwaway" plugins.txt
./gan train configs/vanilla-ring.yaml --set loss.type=throwaway-squares --set training.steps=100 \
  --set samples.every=0 --set checkpoints.every=100 --run-dir target/throwaway --progress log
test -f target/throwaway/checkpoints/step-00000100.ckpt
grep -q '"gan4j.plugin.throwaway"' target/throwaway/environment.json
echo "check-new-module: ok (plugin-throwaway built, listed and trained; only pom.xml's <modules> line and the module itself changed)"
