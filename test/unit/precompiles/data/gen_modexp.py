# Generates test/unit/precompiles/data/modexp*.json from vectors transcribed from
# go-ethereum core/vm/testdata/precompiles/modexp{,_eip2565,_eip7883}.json; every Expected is checked
# against Python's pow() (an independent oracle), so a transcription slip cannot go unnoticed.
import json

def hdr(b, e, m):
    return '%064x%064x%064x' % (b, e, m)

def parse(inp):
    raw = bytes.fromhex(inp)
    bl = int.from_bytes(raw[0:32], 'big'); el = int.from_bytes(raw[32:64], 'big'); ml = int.from_bytes(raw[64:96], 'big')
    data = raw[96:] + bytes(bl + el + ml)
    b = int.from_bytes(data[:bl], 'big'); e = int.from_bytes(data[bl:bl+el], 'big'); m = int.from_bytes(data[bl+el:bl+el+ml], 'big')
    return bl, el, ml, b, e, m

def oracle(inp):
    bl, el, ml, b, e, m = parse(inp)
    if m == 0: return '00' * ml
    return pow(b, e, m).to_bytes(ml, 'big').hex()

N1B = 'e09ad9675465c53a109fac66a445c91b292d2bb2c5268addb30cd82f80fcb0033ff97c80a5fc6f39193ae969c6ede6710a6b7ac27078a06d90ef1c72e5c85fb5'
N1M = 'fc9e1f6beb81516545975218075ec2af118cd8798df6e08a147c60fd6095ac2bb02c2908cf4dd7c81f11c289e4bce98f3553768f392a80ce22bf5c4f4a248c6b'
N2B = 'cad7d991a00047dd54d3399b6b0b937c718abddef7917c75b6681f40cc15e2be0003657d8d4c34167b2f0bbbca0ccaa407c2a6a07d50f1517a8f22979ce12a81dcaf707cc0cebfc0ce2ee84ee7f77c38b9281b9822a8d3de62784c089c9b18dcb9a2a5eecbede90ea788a862a9ddd9d609c2c52972d63e289e28f6a590ffbf51'
N2M = 'e6d893b80aeed5e6e9ce9afa8a5d5675c93a32ac05554cb20e9951b2c140e3ef4e433068cf0fb73bc9f33af1853f64aa27a0028cbf570d7ac9048eae5dc7b28c87c31e5810f1e7fa2cda6adf9f1076dbc1ec1238560071e7efc4e9565c49be9e7656951985860a558a754594115830bcdb421f741408346dd5997bb01c287087'
N3B = 'c9130579f243e12451760976261416413742bd7c91d39ae087f46794062b8c239f2a74abf3918605a0e046a7890e049475ba7fbb78f5de6490bd22a710cc04d30088179a919d86c2da62cf37f59d8f258d2310d94c24891be2d7eeafaa32a8cb4b0cfe5f475ed778f45907dc8916a73f03635f233f7a77a00a3ec9ca6761a5bbd558a2318ecd0caa1c5016691523e7e1fa267dd35e70c66e84380bdcf7c0582f540174e572c41f81e93da0b757dff0b0fe23eb03aa19af0bdec3afb474216febaacb8d0381e631802683182b0fe72c28392539850650b70509f54980241dc175191a35d967288b532a7a8223ce2440d010615f70df269501944d4ec16fe4a3cb'
N3M = 'd7a85909174757835187cb52e71934e6c07ef43b4c46fc30bbcd0bc72913068267c54a4aabebb493922492820babdeb7dc9b1558fcf7bd82c37c82d3147e455b623ab0efa752fe0b3a67ca6e4d126639e645a0bf417568adbb2a6a4eef62fa1fa29b2a5a43bebea1f82193a7dd98eb483d09bb595af1fa9c97c7f41f5649d976aee3e5e59e2329b43b13bea228d4a93f16ba139ccb511de521ffe747aa2eca664f7c9e33da59075cc335afcd2bf3ae09765f01ab5a7c3e3938ec168b74724b5074247d200d9970382f683d6059b94dbc336603d1dfee714e4b447ac2fa1d99ecb4961da2854e03795ed758220312d101e1e3d87d5313a6d052aebde75110363d'

def nagy(b, m, e):
    return hdr(len(b)//2, len(e)//2, len(m)//2) + b + e + m

# name -> (input, first 16 hex chars of geth's Expected or full Expected)
V = {}
V['eip_example1'] = (hdr(1, 32, 32) + '03' + 'fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2e' + 'fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f',
                     '0000000000000000000000000000000000000000000000000000000000000001')
V['eip_example2'] = (hdr(0, 32, 32) + 'fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2e' + 'fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f',
                     '0000000000000000000000000000000000000000000000000000000000000000')
for k, (b, m, pre) in {'1': (N1B, N1M, ('60008f1614cc01dc', '4834a46ba565db27', 'c36d804180c35d44')),
                       '2': (N2B, N2M, ('981dd99c3b113fae', 'd89ceb68c32da4f6', 'ad85e8ef13fd1dd4')),
                       '3': (N3B, N3M, ('affc7507ea6d8475', '1b280ecd6a6bf906', '37843d7c67920b5f'))}.items():
    V['nagydani-%s-square' % k] = (nagy(b, m, '02'), pre[0])
    V['nagydani-%s-qube' % k] = (nagy(b, m, '03'), pre[1])
    V['nagydani-%s-pow0x10001' % k] = (nagy(b, m, '010001'), pre[2])

V['marius-1-even'] = ('000000000000000000000000000000000000000000000000000000000000000300000000000000000000000000000000000000000000000000000000000000c1000000000000000000000000000000000000000000000000000000000000000cffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe000007d7d7d83828282348286877d7d827d407d797d7d7d7d7d7d7d7d7d7d7d5b00000000000000000000000000000000000000000000000000000000000000030000000000000000000000000000000000000000000000000000000000000021000000000000000000000000000000000000000000000000000000000000000cffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff4000007d7d7d83828282348286877d7d82',
                      '36a385a417859b5e178d3ab9')
V['guido-1-even'] = ('000000000000000000000000000000000000000000000000000000000000001000000000000000000000000000000000000000000000000000000000000000d80000000000000000000000000000000000000000000000000000000000000010ffffffffffffffff76ffffffffffffff1cffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc7c7c7c7c7c7c7c7c7c7c7c7c7c7c7c7c7c7c7c7c7c76ec7c7c7c7ffffffffffffffc7c7c7c7c7c7c7c7c7c7c7c7c7c7c7c7c7c7c7c7c7c7ffffffffffffc7c7c7c7c7c7c7c7c7c7c7c7c7c7c7c7c7c7c7c7c7c76ec7c7c7c7c7c7c7c7c7c7c7c7c7c7c7c7c7c7c7c7c7c7c7c7c7c7c7c7c7c7c7c7c7c7c7c7c7c7c7c7c7ffffffffff3f000000000000000000000000',
                     'c3745de81615f80088ffffffffffffff')
V['guido-2-even'] = ('000000000000000000000000000000000000000000000000000000000000001000000000000000000000000000000000000000000000000000000000000000d80000000000000000000000000000000000000000000000000000000000000010e0060000a921212121212121ff0000212b212121ffff1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f00feffff212121212121ffffffff1fe1e0e0e01e1f1f169f1f1f1f490afcefffffffffffffffff82828282828282828282828282828282828282828200ffff28ff2b212121ffff1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1fffffffffff0afceffffff7ffffffffff7c8282828282a1828282828282828282828282828200ffff28ff2b212121ffff1f1f1f1f1f1fd11f1f1f1f1f1f1f1f1f1f1fffffffffffffffff21212121212121fb2121212121ffff1f1f1f1f1f1f1f1fffaf82828282828200ffff28ff2b21828200',
                     '458ef0af2549d46d24c89079499479e1')
V['guido-4-even'] = ('00000000000000000000000000000000000000000000000000000000000000010000000000000000000000000000000000000000000000000000000000000181000000000000000000000000000000000000000000000000000000000000000801ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff2cffffffffffffffffffffffffffffffffffffffffffffffffffffffff3b10000000006c01ffffffffffffffffffffffffffffffffffffffffffffffdffffb97ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff3bffffffffffffffffffffffffffffffffffffffffffffffffffffffffebafd93b37ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc5bb6affffffff3fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff2a',
                     '0000000000000001')
V['marcin-1-base-heavy'] = ('00000000000000000000000000000000000000000000000000000000000000c0000000000000000000000000000000000000000000000000000000000000000100000000000000000000000000000000000000000000000000000000000000c0e8e77626586f73b955364c7b4bbf0bb7f7685ebd40e852b164633a4acbd3244c51f81bcdfc324a0dff2b5bec9d92e21cbebc4d5e29d3a3d30de3e03fbeab8d7f2ee5f854d076701c8753d72779187e404f9b2fb705c495137d78551250314a463ef5a213fe22de1cea28d60f518364ff95fe0b73660793e3efcfbe31bda68aeccc21cc9477a6aea5df8cae73422b700c47e54d892691e099167e77befc94780a920ae4155769cd69c30626f054134b5f003772473f57f84837402df6d166e66303f01681d2220bfea4bb888a5543db8c0916274ddb1ea93b144c042c01d8164c954b27ac388a17c8e9a7ba12a968f288f3308d6fe7bcdf28e685e9a2e00d8be1af19726b7662016d6404f9336493ad633777feb88c9d02a1d2428e566ac38f42c0bb66d2962ec349088ce0d03b35bf27f6114414ef558c87ad8e543754a352f7dffcaca429690688595ab1d1b349d9295b480a82f43ac5c9112fe40720545cc78501cd8b42f3605212fe06a835c9cbc0328e07e94aedb2ac11f6d6649e7fcd8c43',
                            '120cf297dbe81091')
V['marcin-1-exp-heavy'] = ('0000000000000000000000000000000000000000000000000000000000000008000000000000000000000000000000000000000000000000000000000000005100000000000000000000000000000000000000000000000000000000000000080001020304050607ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff0001020304050607',
                           '0000000000000000')
V['marcin-1-balanced'] = ('000000000000000000000000000000000000000000000000000000000000002800000000000000000000000000000000000000000000000000000000000000040000000000000000000000000000000000000000000000000000000000000028e8e77626586f73b955364c7b4bbf0bb7f7685ebd40e852b164633a4acbd3244c000102030405060701fffffff01681d2220bfea4bb888a5543db8c0916274ddb1ea93b144c042c01d8164c950001020304050607',
                          '1abce71dc2205cce4eb6934397a88136f94641342e283cbcd30e929e85605c6718ed67f475192ffd')
V['marcin-2-exp-heavy'] = ('000000000000000000000000000000000000000000000000000000000000001000000000000000000000000000000000000000000000000000000000000000500000000000000000000000000000000000000000000000000000000000000010000102030405060708090a0b0c0d0e0fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff000102030405060708090a0b0c0d0e0f',
                           '00000000000000000000000000000000')
V['marcin-2-balanced'] = ('000000000000000000000000000000000000000000000000000000000000003800000000000000000000000000000000000000000000000000000000000000080000000000000000000000000000000000000000000000000000000000000038e8e77626586f73b955364c7b4bbf0bb7f7685ebd40e852b164633a4acbd3244c000102030405060708090a0b0c0d0e0f10111213141516172bfffffffffffffff01681d2220bfea4bb888a5543db8c0916274ddb1ea93b144c042c01d8164c95000102030405060708090a0b0c0d0e0f1011121314151617',
                          '86bef3367fc7117c8a6b825cadebe80f3e94c321dda73e9e240b98188a1d5c071c60a195097c8d1fb85ce03a2e1b6964846edee5aa2c3f46')
V['marcin-3-base-heavy'] = ('000000000000000000000000000000000000000000000000000000000000002000000000000000000000000000000000000000000000000000000000000000100000000000000000000000000000000000000000000000000000000000000020e8e77626586f73b955364c7b4bbf0bb7f7685ebd40e852b164633a4acbd3244cfffffffffffffffffffffffffffffffff01681d2220bfea4bb888a5543db8c0916274ddb1ea93b144c042c01d8164c95',
                            '4004762c491606a5132134da6086284f74cc8e14b08f18b90fc09f31bca3d78f')
V['marcin-3-exp-heavy'] = ('000000000000000000000000000000000000000000000000000000000000001800000000000000000000000000000000000000000000000000000000000000200000000000000000000000000000000000000000000000000000000000000018000102030405060708090a0b0c0d0e0f1011121314151617ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff000102030405060708090a0b0c0d0e0f1011121314151617',
                           '000000000000000000000000000000000000000000000000')
V['marcin-3-balanced'] = (hdr(32, 32, 32) + 'e8e77626586f73b955364c7b4bbf0bb7f7685ebd40e852b164633a4acbd3244c' + 'ff' * 32 + 'f01681d2220bfea4bb888a5543db8c0916274ddb1ea93b144c042c01d8164c95',
                          '2d3feee20d394af68dd6744b86a8aca6a4a0b7f01bbcd3c3eec768245ca6acee')
V['mod-8-exp-648'] = (hdr(8, 81, 8) + '00' + 'ff' * 95 + '00', '00ffffffffffffff')
V['mod-8-exp-896'] = (hdr(8, 112, 8) + '00' + 'ff' * 126 + '00', '00ffffffffffffff')
V['mod-32-exp-32'] = (hdr(32, 4, 32) + '00' + 'ff' * 66 + '00', '00' + 'ff' * 31)
V['mod-32-exp-36'] = (hdr(32, 5, 32) + '00' + 'ff' * 31 + '0d' + 'ff' * 35 + '00', '00' + 'ff' * 31)
V['mod-32-exp-40'] = (hdr(32, 5, 32) + '00' + 'ff' * 67 + '00', '00' + 'ff' * 31)
V['mod-32-exp-64'] = (hdr(32, 8, 32) + '00' + 'ff' * 70 + '00', '00' + 'ff' * 31)
V['mod-32-exp-65'] = (hdr(32, 9, 32) + '00' + 'ff' * 31 + '01' + 'ff' * 39 + '00', '00' + 'ff' * 31)
V['mod-32-exp-128'] = (hdr(32, 16, 32) + '00' + 'ff' * 78 + '00', '00' + 'ff' * 31)
V['pawel-1-exp-heavy'] = (hdr(8, 112, 8) + 'ff' * 127, '2a02d5f86c2375ff')
V['pawel-2-exp-heavy'] = (hdr(16, 40, 16) + 'ff' * 71, '823ef7dc60d6d9616756c48f69b7c4ff')
V['pawel-3-exp-heavy'] = (hdr(24, 21, 24) + 'ff' * 68, 'c817dd5aa60a41948eed409706c2aa97be3000d4da0261ff')
V['pawel-4-exp-heavy'] = (hdr(32, 12, 32) + 'ff' * 75, '2defaca0137d6edacbbd5d36d6ed70cbf8a998ffb19fc270d45a18d37e0f35ff')
V['mod_vul_pawel_3_exp_8'] = (hdr(23, 8, 23) + 'bffffffffffffffffffffffffffffffffffffffffffffbffffffffffffffffff7ffffffffffffffffffffffffffffffffffffffffffe',
                              '200f14de1d474710c1c979920452e0ffc2ac6f618afba5')

GAS = {
    'modexp.json': [('eip_example1', 13056), ('eip_example2', 13056),
                    ('nagydani-1-square', 204), ('nagydani-1-qube', 204), ('nagydani-1-pow0x10001', 3276),
                    ('nagydani-2-square', 665), ('nagydani-2-qube', 665), ('nagydani-2-pow0x10001', 10649),
                    ('nagydani-3-square', 1894), ('nagydani-3-qube', 1894), ('nagydani-3-pow0x10001', 30310)],
    'modexp_eip2565.json': [('eip_example1', 1360), ('eip_example2', 1360),
                            ('nagydani-1-square', 200), ('nagydani-1-qube', 200), ('nagydani-1-pow0x10001', 341),
                            ('nagydani-2-square', 200), ('nagydani-2-qube', 200), ('nagydani-2-pow0x10001', 1365),
                            ('nagydani-3-square', 341), ('nagydani-3-qube', 341), ('nagydani-3-pow0x10001', 5461)],
    'modexp_eip7883.json': [('nagydani-1-square', 500), ('nagydani-1-qube', 500), ('nagydani-1-pow0x10001', 2048),
                            ('nagydani-2-square', 512), ('nagydani-2-qube', 512), ('nagydani-2-pow0x10001', 8192),
                            ('nagydani-3-square', 2048), ('nagydani-3-qube', 2048), ('nagydani-3-pow0x10001', 32768),
                            ('marius-1-even', 45296), ('guido-1-even', 51136), ('guido-2-even', 51152),
                            ('guido-4-even', 94448), ('marcin-1-base-heavy', 1152), ('marcin-1-exp-heavy', 16624),
                            ('marcin-1-balanced', 1200), ('marcin-2-exp-heavy', 16368), ('marcin-2-balanced', 5978),
                            ('marcin-3-base-heavy', 2032), ('marcin-3-exp-heavy', 4080), ('marcin-3-balanced', 4080),
                            ('mod-8-exp-648', 16624), ('mod-8-exp-896', 24560), ('mod-32-exp-32', 500),
                            ('mod-32-exp-36', 560), ('mod-32-exp-40', 624), ('mod-32-exp-64', 1008),
                            ('mod-32-exp-65', 1024), ('mod-32-exp-128', 2032), ('pawel-1-exp-heavy', 24560),
                            ('pawel-2-exp-heavy', 6128), ('pawel-3-exp-heavy', 2672), ('pawel-4-exp-heavy', 1520),
                            ('mod_vul_pawel_3_exp_8', 1008)],
}

import sys
out_dir = sys.argv[1]
for fname, entries in GAS.items():
    vecs = []
    for name, gas in entries:
        inp, geth = V[name]
        exp = oracle(inp)
        assert exp.startswith(geth), (name, exp[:40], geth)
        bl, el, ml, *_ = parse(inp)
        assert len(bytes.fromhex(inp)) - 96 <= bl + el + ml, name
        vecs.append({'Input': inp, 'Expected': exp, 'Name': name, 'Gas': gas, 'NoBenchmark': False})
    with open(f'{out_dir}/{fname}', 'w') as f:
        json.dump(vecs, f, indent=2)
        f.write('\n')
    print(fname, len(vecs))
