namespace Tessera.Schemas.Tests.OpenApi;

internal static class OpenApiSamples
{
    /// <summary>compatibility.md §7.4 item 47: GET /pets, POST /pets, GET /pets/{petId}.</summary>
    public const string Petstore = """
        openapi: 3.0.0
        info:
          title: Petstore
          version: 1.0.0
        paths:
          /pets:
            get:
              operationId: listPets
              summary: List all pets
              tags: [pets]
              parameters:
                - {name: limit, in: query, required: false, schema: {type: integer}}
              responses:
                "200":
                  description: A list of pets
                  content:
                    application/json:
                      schema:
                        type: array
                        items:
                          $ref: "#/components/schemas/Pet"
            post:
              operationId: createPet
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      type: object
                      required: [name]
                      properties:
                        name: {type: string}
              responses:
                "201":
                  description: Created
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/Pet"
          /pets/{petId}:
            get:
              operationId: showPetById
              parameters:
                - {name: petId, in: path, required: true, schema: {type: string}}
              responses:
                "200":
                  description: A pet
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/Pet"
                "404":
                  description: Not found
        components:
          schemas:
            Pet:
              type: object
              required: [id, name]
              properties:
                id: {type: integer, format: int64}
                name: {type: string}
                owner: {$ref: "#/components/schemas/Owner"}
            Owner:
              type: object
              properties:
                name: {type: string}
                pets:
                  type: array
                  items: {$ref: "#/components/schemas/Pet"}
        """;
}