// Writes synthetic person files straight into a Cordon database, for the
// volume benchmark. It uses the server's own column builders, so the rows are
// encrypted and indexed exactly as the API would store them. Every value is
// made up: the names are drawn from common surnames and given-name characters,
// and the identity numbers have valid checksums but are invented.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const SURNAMES = Array.from(
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤',
);
const GIVEN = Array.from('伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建文辉力国林峰宇鹏浩晨欣怡佳慧婷雪梅琳晓飞云海波涛志刚');
const COUNTIES = ['320508', '320505', '320506', '320507', '320509', '320581', '320582', '320583', '420106', '420102', '330106', '310115'];
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARACTERS = '10X98765432';

/** A small deterministic generator, so two runs seed the same files. */
function createRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick(random, list) {
  return list[Math.floor(random() * list.length)];
}

/** Returns the i-th synthetic 18-digit identity number: unique for i below 1,000 × 30,000 × 12, born 1930 to 2012. */
export function syntheticIdNumber(index) {
  const county = COUNTIES[index % COUNTIES.length];
  const day = Math.floor(index / COUNTIES.length) % 30_000;
  const sequence = Math.floor(index / COUNTIES.length / 30_000) % 1000;
  const birth = new Date(Date.UTC(1930, 0, 1) + day * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
  const body = `${county}${birth}${String(sequence).padStart(3, '0')}`;
  const sum = Array.from(body).reduce((total, digit, position) => total + Number(digit) * WEIGHTS[position], 0);
  return body + CHECK_CHARACTERS[sum % 11];
}

export function syntheticName(index) {
  const random = createRandom(index * 2654435761);
  const length = random() < 0.3 ? 1 : 2;
  let name = pick(random, SURNAMES);
  for (let position = 0; position < length; position++) name += pick(random, GIVEN);
  return name;
}

export function syntheticPhone(index) {
  return `139${String(index).padStart(8, '0')}`;
}

async function loadServerModules(rootDir) {
  const dist = path.join(rootDir, 'packages/server/dist');
  const load = (file) => import(pathToFileURL(path.join(dist, file)).href);
  const [server, input, statistics] = await Promise.all([load('index.js'), load('modules/persons/input.js'), load('db/statistics.js')]);
  return { ...server, ...input, ...statistics };
}

/**
 * Inserts `count` files spread over the communities under `regionCode`, in
 * transactions of `batchSize` rows. Returns the seconds it took and the
 * communities used.
 */
export async function seedPersons({ rootDir, databaseUrl, dataDir, secret, regionCode, count, batchSize = 500, onProgress }) {
  const modules = await loadServerModules(rootDir);
  const { master } = modules.loadMasterSecret(secret, dataDir);
  const keys = modules.deriveKeys(master);
  const handle = modules.openDatabase({ databaseUrl, dataDir });
  const started = process.hrtime.bigint();
  try {
    const communities = (
      await handle.db
        .selectFrom('jurisdictions')
        .select('code')
        .where('level', '=', 'community')
        .where('path', 'like', `%/${regionCode}/%`)
        .execute()
    ).map((row) => row.code);
    if (communities.length === 0) throw new Error(`no communities under ${regionCode}: load the region first`);

    const now = new Date().toISOString();
    for (let first = 0; first < count; first += batchSize) {
      const rows = [];
      for (let index = first; index < Math.min(count, first + batchSize); index++) {
        const { columns } = modules.documentColumnsOf(keys, syntheticIdNumber(index), undefined, undefined);
        rows.push({
          id: randomUUID(),
          name: syntheticName(index),
          ...columns,
          ...modules.phoneColumnsOf(keys, syntheticPhone(index)),
          community_code: communities[index % communities.length],
          source: 'import',
          created_at: now,
          updated_at: now,
        });
      }
      await handle.db.transaction().execute((trx) => trx.insertInto('persons').values(rows).execute());
      onProgress?.(Math.min(count, first + batchSize));
    }
    // A live PostgreSQL has autovacuum analyse the new rows; the benchmark does not wait for it.
    await modules.refreshPlannerStatistics(handle.db, ['persons']);
    return { seconds: Number(process.hrtime.bigint() - started) / 1e9, communities };
  } finally {
    await handle.close();
  }
}
