import 'reflect-metadata';
import { graphql, GraphQLResolveInfo, GraphQLSchema } from 'graphql';
import { Field, FieldResolver, ID, Info, ObjectType, Query, Resolver, Root, buildSchemaSync } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { assertDeclaredReads, PropertiesRead, Reads, selectedProperties } from '../../src/kernel/selection';

/**
 * `@Reads` beside a field resolver, `selectedProperties` reading an operation ahead, and the check
 * at schema build (kernel/selection.ts): a page may be read with only the columns its operation
 * needs, and a resolver that declares nothing still makes it read whole rows.
 */

@Entity('probe_thing')
class ThingEntity {
  @PrimaryColumn()
  id: string;

  @Column()
  name: string;

  @Column({ name: 'owner_id' })
  ownerId: string;

  @Column()
  mood: string;
}

@ObjectType({ simpleResolvers: true })
class Person {
  @Field(() => ID)
  id: string;
}

@ObjectType({ simpleResolvers: true })
class Thing {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;
}

@ObjectType({ simpleResolvers: true })
class Box {
  @Field(() => [Thing])
  things: Thing[];
}

let seen: Record<'things', PropertiesRead> | null = null;

@Resolver(() => Box)
class BoxResolver {
  @Query(() => Box)
  box(@Info() info: GraphQLResolveInfo): Box {
    seen = selectedProperties(info, [], { things: 'Thing' });
    return { things: [] };
  }
}

@Resolver(() => Thing)
class ThingResolver {
  @Reads('ownerId')
  @FieldResolver(() => Person)
  owner(@Root() thing: ThingEntity) {
    return { id: thing.ownerId };
  }

  // declares nothing: selecting it reads the whole row
  @FieldResolver(() => String)
  mood(@Root() thing: ThingEntity) {
    return thing.mood.toUpperCase();
  }
}

describe('declared reads', () => {
  let schema: GraphQLSchema;
  beforeAll(() => {
    schema = buildSchemaSync({ resolvers: [BoxResolver, ThingResolver], validate: false });
  });

  const readsOf = async (selection: string, fragments = '') => {
    seen = null;
    const result = await graphql({ schema, source: `{ box { things { ${selection} } } } ${fragments}` });
    expect(result.errors).toBeUndefined();
    return seen!.things;
  };

  it('plain fields are read as themselves; a declared resolver adds its reads', async () => {
    expect(await readsOf('id name')).toEqual(new Set(['id', 'name']));
    expect(await readsOf('name owner { id }')).toEqual(new Set(['name', 'ownerId']));
    expect(await readsOf('__typename')).toEqual(new Set());
  });

  it('through fragments and inline fragments alike', async () => {
    expect(await readsOf('... on Thing { name } ...owned', 'fragment owned on Thing { owner { id } }')).toEqual(
      new Set(['name', 'ownerId']),
    );
  });

  it('a resolver that declares nothing reads the whole row', async () => {
    expect(await readsOf('name mood')).toBe('whole');
    expect(await readsOf('owner { id } ...moody', 'fragment moody on Thing { mood }')).toBe('whole');
  });

  it('an object not selected reads nothing', async () => {
    seen = null;
    await graphql({ schema, source: `{ box { __typename } }` });
    expect(seen!.things).toBeNull();
  });

  it('the schema build accepts declarations of columns of the root entity', () => {
    expect(() => assertDeclaredReads()).not.toThrow();
  });

  it('the schema build refuses a declaration that is not a column, or a root without an entity class', () => {
    @Resolver(() => Thing)
    class CarelessResolver {
      @Reads('ownerName')
      @FieldResolver(() => String)
      ownerName(@Root() thing: ThingEntity) {
        return thing.ownerId;
      }

      @Reads('id')
      @FieldResolver(() => String)
      label(@Root() thing: { id: string }) {
        return thing.id;
      }
    }
    buildSchemaSync({ resolvers: [BoxResolver, ThingResolver, CarelessResolver], validate: false });
    expect(() => assertDeclaredReads()).toThrow(
      /Thing\.ownerName: ownerName is no column of ThingEntity[\s\S]*Thing\.label: @Reads needs a @Root\(\) typed/,
    );
  });
});
